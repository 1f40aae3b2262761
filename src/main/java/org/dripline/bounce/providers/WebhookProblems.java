package org.dripline.bounce.providers;

import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Spring MVC's own refusals on the webhook endpoints (a GET, an unreadable request) as
 * problem+json too, like every other answer there.
 */
@RestControllerAdvice(basePackageClasses = WebhookProblems.class)
class WebhookProblems extends ResponseEntityExceptionHandler {
}
