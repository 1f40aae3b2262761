package org.dripline.web.api;

import java.util.List;
import org.dripline.campaign.InvalidCampaignException;
import org.dripline.campaign.Problem;
import org.dripline.infra.ConflictException;
import org.dripline.infra.InvalidInputException;
import org.dripline.infra.NotFoundException;
import org.dripline.render.TemplateProblemsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * Every API error as application/problem+json (RFC 9457), the one place that maps the kinds of
 * refusal to a status: invalid input 400 (naming the field in {@code field}, or listing the
 * campaign's problems in {@code problems}), not found 404, conflict 409 (a run in the wrong
 * state). Any other exception is Dripline's own failure, an IllegalStateException included:
 * logged here with its stack trace and answered 500 with nothing of its internals.
 */
@RestControllerAdvice(basePackageClasses = ApiProblems.class)
class ApiProblems extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

  @ExceptionHandler(InvalidFieldException.class)
  ResponseEntity<ProblemDetail> invalidField(InvalidFieldException e) {
    return field(e.field(), e.getMessage());
  }

  @ExceptionHandler(InvalidCampaignException.class)
  ResponseEntity<ProblemDetail> invalidCampaign(InvalidCampaignException e) {
    return problems("the campaign file has problems", e.problems());
  }

  @ExceptionHandler(TemplateProblemsException.class)
  ResponseEntity<ProblemDetail> invalidTemplates(TemplateProblemsException e) {
    return problems("the campaign's templates have problems", e.problems());
  }

  /** Other input the services reject (a malformed email address, an option out of range...). */
  @ExceptionHandler(InvalidInputException.class)
  ResponseEntity<ProblemDetail> invalidInput(InvalidInputException e) {
    return problem(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, e.getMessage());
  }

  /** A run already running or complete, or one that cannot be stopped or restarted now. */
  @ExceptionHandler(ConflictException.class)
  ResponseEntity<ProblemDetail> conflict(ConflictException e) {
    return problem(HttpStatus.CONFLICT, e.getMessage());
  }

  /** A bug, the database or a DKIM key failing: the caller can only retry, so it learns no internals. */
  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    log.error("API request failed", e);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "the request failed (details in the server log)");
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
        String field = databind.getPath().get(databind.getPath().size() - 1).getPropertyName();
        if (field != null) {
          return widen(field(field, "'" + field + "' has the wrong type: " + databind.getOriginalMessage()));
        }
      }
      if (cause instanceof JacksonException json) {
        return widen(problem(HttpStatus.BAD_REQUEST, "the body is not valid JSON: " + json.getOriginalMessage()));
      }
    }
    return widen(problem(HttpStatus.BAD_REQUEST, "the body must be a JSON object"));
  }

  @Override
  protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return widen(field(e.getParameterName(), "the parameter '" + e.getParameterName() + "' is required"));
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    String name = e instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : e.getPropertyName();
    return widen(field(name, "'" + e.getValue() + "' is not a valid " + name));
  }

  private static ResponseEntity<ProblemDetail> field(String field, String detail) {
    ResponseEntity<ProblemDetail> response = problem(HttpStatus.BAD_REQUEST, detail);
    response.getBody().setProperty("field", field);
    return response;
  }

  private static ResponseEntity<ProblemDetail> problems(String detail, List<Problem> problems) {
    ResponseEntity<ProblemDetail> response = problem(HttpStatus.BAD_REQUEST, detail);
    response.getBody().setProperty("problems", problems.stream().sorted().map(Problem::toString).toList());
    return response;
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
    return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
  }

  @SuppressWarnings("unchecked")
  private static ResponseEntity<Object> widen(ResponseEntity<ProblemDetail> response) {
    return (ResponseEntity<Object>) (ResponseEntity<?>) response;
  }
}
