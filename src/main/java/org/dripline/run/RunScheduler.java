package org.dripline.run;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.campaign.InvalidCampaignException;
import org.dripline.lifecycle.CampaignLifecycle;
import org.dripline.render.TemplateProblemsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Starts the runs campaigns ask for with {@code schedule.run_every} while {@code serve} runs.
 * Each run's asOf is its slot (the time rounded down to a multiple of run_every), so every
 * instance sharing the database computes the same (campaign, asOf) and Spring Batch's job-instance
 * identity lets exactly one of them start it; a slot whose run completed is never run again, and
 * a campaign whose previous run is still going skips the slot (one run of a campaign at a time),
 * unless that run's owner is dead (heartbeat older than {@code dripline.run.lease}): it is then
 * recovered and the slot runs.
 * An archived campaign is skipped (its runs would be refused); a paused or closed one still runs,
 * since its runs enroll, judge goals and plan, and send nothing while it is paused.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "dripline.schedule.enabled", havingValue = "true")
class RunScheduler {

  private static final Logger log = LoggerFactory.getLogger(RunScheduler.class);

  private final CampaignCatalog catalog;
  private final RunControl control;
  private final CampaignLifecycle lifecycle;
  private final JobRepository jobRepository;
  private final Clock clock;
  private final NewsletterRuns newsletters;
  // The last slot each campaign was handled for, so a tick does the work once per slot per instance.
  private final Map<String, Instant> handled = new ConcurrentHashMap<>();

  RunScheduler(CampaignCatalog catalog, RunControl control, CampaignLifecycle lifecycle, JobRepository jobRepository,
      Clock clock, NewsletterRuns newsletters) {
    this.newsletters = newsletters;
    this.catalog = catalog;
    this.control = control;
    this.lifecycle = lifecycle;
    this.jobRepository = jobRepository;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${dripline.schedule.tick:PT30S}", initialDelayString = "${dripline.schedule.tick:PT30S}")
  void onTick() {
    Instant now = clock.instant();
    tick(now);
    // Newsletter issues: scheduled ones at their send_at, and the later phases of those sending.
    newsletters.tick(now);
  }

  /** Starts the runs due at {@code now}; returns the ids of the runs this instance started. */
  List<Long> tick(Instant now) {
    List<Long> started = new ArrayList<>();
    for (CampaignCatalog.Loaded loaded : catalog.loadAll()) {
      Campaign campaign = loaded.campaign();
      if (campaign == null || campaign.schedule().runEvery() == null) {
        continue;
      }
      Instant slot = campaign.schedule().slot(now);
      if (slot.equals(handled.get(campaign.id()))) {
        continue;
      }
      if (lifecycle.archived(campaign.id())) {
        log.debug("Schedule: {} slot {} skipped, the campaign is archived", campaign.id(), slot);
        handled.put(campaign.id(), slot);
        continue;
      }
      JobExecution running = running(campaign.id());
      Long tookOver = null;
      if (running != null && control.recoverIfStale(running)) {
        // Its process died (heartbeat older than the lease): recovered and logged; this slot's run goes on.
        tookOver = running.getId();
        running = null;
      }
      if (running != null) {
        log.info("Schedule: {} slot {} skipped, run {} ({} at {}) is still {}", campaign.id(), slot, running.getId(),
            campaign.id(), running.getJobParameters().getString("asOf"), running.getStatus());
        handled.put(campaign.id(), slot);
        continue;
      }
      try {
        RunControl.Launched launched = control.launch(campaign.id(), slot, RunOptions.NONE, false, tookOver);
        started.add(launched.execution().getId());
        log.info("Schedule: started run {} of {} for slot {}", launched.execution().getId(), campaign.id(), slot);
      } catch (RunRefusedException e) {
        // Another instance started (or finished) this slot: exactly what the identity is for.
        log.debug("Schedule: {} slot {} taken elsewhere: {}", campaign.id(), slot, e.getMessage());
      } catch (InvalidCampaignException | TemplateProblemsException e) {
        log.error("Schedule: {} slot {} not run, the campaign is invalid: {} (run `validate`)", campaign.id(), slot,
            e.getMessage());
      } catch (RuntimeException e) {
        log.error("Schedule: {} slot {} not run: {}", campaign.id(), slot, e.getMessage());
      }
      handled.put(campaign.id(), slot);
    }
    return started;
  }

  /** A run of this campaign still going, in any instance (a dead process's is recovered once its lease ran out). */
  private JobExecution running(String campaignId) {
    return jobRepository.findRunningJobExecutions(RunControl.JOB).stream()
        .filter(e -> campaignId.equals(e.getJobParameters().getString("campaign"))).findFirst().orElse(null);
  }
}
