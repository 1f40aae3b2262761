/**
 * A campaign's lifecycle as operators drive it: pause, resume, close, reopen, archive, unarchive
 * (the CLI's {@code campaign} command, the API and the console call {@link org.dripline.lifecycle.CampaignLifecycle}).
 * The state is the campaign module's ({@code campaign_lifecycle}); a resume with
 * {@code on_resume: shift} also moves enrollments (enrollment module) and planned messages
 * (delivery module), which is why this lives in a module of its own, in one transaction with the state.
 */
package org.dripline.lifecycle;
