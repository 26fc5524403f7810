package dev.edw.aws;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Records every request an SDK client sends, to assert how calls were batched. */
final class RequestLog implements ExecutionInterceptor {
  private final List<SdkRequest> requests = new CopyOnWriteArrayList<>();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    requests.add(context.request());
  }

  /** The requests of one type, in the order they were sent. */
  <T extends SdkRequest> List<T> of(Class<T> type) {
    return requests.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
