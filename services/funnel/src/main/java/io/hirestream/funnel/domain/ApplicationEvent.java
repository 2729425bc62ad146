package io.hirestream.funnel.domain;

/**
 * What the funnel learns about an application, from any of the topics it reads: an event of a
 * stage, or what the candidate declared for equal-opportunity monitoring.
 */
public sealed interface ApplicationEvent permits StageEvent, Declaration {
}
