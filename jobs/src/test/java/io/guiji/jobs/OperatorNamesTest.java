package io.guiji.jobs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Predicate;

/**
 * The names of the dataflow's steps: a class that Flink runs as a user function ends in {@code
 * Function}, one that is a stream operator in {@code Operator}, a key selector in {@code Key}
 * (README, Layout), so a reader tells from its name alone what runs in the job graph.
 *
 * <p>Flink's classes are not read from the class path (archunit.properties, for speed), so a step
 * is known by the Flink types it extends or implements, directly or through guiji's own classes:
 * {@code …Function} makes a function, {@code …Operator} an operator.
 */
@AnalyzeClasses(packages = "io.guiji.jobs", importOptions = LayeringTest.MainCode.class)
class OperatorNamesTest {

    private static final String FLINK = "org.apache.flink.";

    @ArchTest
    static final ArchRule functionsEndInFunction =
            classes()
                    .that(extendingFlink("a Flink function", n -> n.endsWith("Function")))
                    .and(DescribedPredicate.not(extendingFlink("an operator", isOperator())))
                    .and()
                    .areNotAnonymousClasses()
                    .should()
                    .haveSimpleNameEndingWith("Function");

    @ArchTest
    static final ArchRule operatorsEndInOperator =
            classes()
                    .that(extendingFlink("a Flink stream operator", isOperator()))
                    .and()
                    .areNotAnonymousClasses()
                    .should()
                    .haveSimpleNameEndingWith("Operator");

    @ArchTest
    static final ArchRule keySelectorsEndInKey =
            classes()
                    .that(extendingFlink("a key selector", n -> n.equals("KeySelector")))
                    .and()
                    .areNotAnonymousClasses()
                    .should()
                    .haveSimpleNameEndingWith("Key");

    private static Predicate<String> isOperator() {
        return n -> n.endsWith("Operator");
    }

    /** Classes with a Flink supertype whose simple name passes {@code name}. */
    private static DescribedPredicate<JavaClass> extendingFlink(
            String description, Predicate<String> name) {
        return DescribedPredicate.describe(
                description,
                c -> {
                    Deque<JavaClass> todo = new ArrayDeque<>();
                    todo.push(c);
                    while (!todo.isEmpty()) {
                        JavaClass t = todo.pop();
                        t.getRawSuperclass().ifPresent(todo::push);
                        t.getRawInterfaces().forEach(todo::push);
                        if (t != c
                                && t.getName().startsWith(FLINK)
                                && name.test(t.getSimpleName())) {
                            return true;
                        }
                    }
                    return false;
                });
    }
}
