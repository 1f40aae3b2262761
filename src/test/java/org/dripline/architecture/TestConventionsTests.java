package org.dripline.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.dripline.testing.ScriptedSmtpServer;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The suite's own rules, so that a new test cannot forget them: an integration test cannot hang
 * the build, and no test sleeps a fixed time or bounds wall-clock time (on a loaded machine both
 * turn into random failures; a test awaits its condition with a deadline instead).
 */
class TestConventionsTests {

  static final JavaClasses TESTS = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
      .importPackages("org.dripline");

  @Test
  void everyIntegrationTestHasATimeout() {
    classes().that().haveSimpleNameEndingWith("IntegrationTests")
        .should(carryATimeout())
        .check(TESTS);
  }

  @Test
  void noTestSleepsAFixedTime() {
    // The scripted SMTP server delays its replies on purpose: that is the server's behaviour under test.
    noClasses().that().doNotHaveFullyQualifiedName(ScriptedSmtpServer.class.getName())
        .should().callMethodWhere(fixedSleep())
        .because("a test awaits the condition it needs (Awaitility, with a deadline), it does not guess a time")
        .check(TESTS);
  }

  @Test
  void noTestBoundsWallClockTime() {
    noClasses().should().callMethodWhere(DescribedPredicate.describe("Assertions.assertTimeout*",
            (JavaMethodCall call) -> call.getTargetOwner().isEquivalentTo(Assertions.class)
                && call.getName().startsWith("assertTimeout")))
        .because("timings are benchmarks (bench/, docs/benchmarks.md); a hang is caught by @Timeout")
        .check(TESTS);
  }

  /** JUnit's {@code @Timeout} is inherited, so the shared {@code *Scenarios} base classes carry it. */
  static ArchCondition<JavaClass> carryATimeout() {
    return new ArchCondition<>("carry a JUnit @Timeout on the class or a superclass") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        boolean timed = Stream.concat(Stream.of(item), item.getAllRawSuperclasses().stream())
            .anyMatch(c -> c.isAnnotatedWith(Timeout.class));
        events.add(new SimpleConditionEvent(item, timed,
            item.getName() + (timed ? " has a @Timeout" : " has no @Timeout (a generous one that only catches hangs)")));
      }
    };
  }

  static DescribedPredicate<JavaMethodCall> fixedSleep() {
    return DescribedPredicate.describe("Thread.sleep, TimeUnit.sleep or LockSupport.park*", call ->
        (call.getTargetOwner().isEquivalentTo(Thread.class) && call.getName().equals("sleep"))
            || (call.getTargetOwner().isAssignableTo(TimeUnit.class) && call.getName().equals("sleep"))
            || (call.getTargetOwner().isEquivalentTo(LockSupport.class) && call.getName().startsWith("park")));
  }
}
