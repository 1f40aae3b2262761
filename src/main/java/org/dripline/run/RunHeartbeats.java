package org.dripline.run;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.dripline.infra.UtcTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Each run's owner and heartbeat ({@code run_heartbeats}, V10). A run of this process beats on a
 * scheduled executor every {@link RunSettings#heartbeatEvery()} from its start to its end; any process
 * judges another's run by its last beat ({@link RunLease}). Wall-clock time on purpose (not the
 * application's clock, which tests and simulations move): a lease is about processes, not about asOf.
 */
@Component
class RunHeartbeats implements org.springframework.beans.factory.DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(RunHeartbeats.class);

  // One row per execution, written once when the run starts here.
  private static final String INSERT = """
      insert into run_heartbeats (execution_id, campaign_id, owner_host, owner_pid, owner_started, started_at,
                                  heartbeat_at, recovered_from)
      values (:id, :campaignId, :host, :pid, :ownerStarted, :now, :now, :recoveredFrom)
      """;
  // The beat: only this process's rows, so a run another process took over is never refreshed from here.
  private static final String BEAT = """
      update run_heartbeats set heartbeat_at = :now
      where execution_id in (:ids) and owner_host = :host and owner_pid = :pid
      """;
  // Owners and beats of the runs a view shows, and of the run being judged.
  private static final String FIND = """
      select execution_id, owner_host, owner_pid, owner_started, heartbeat_at, recovered_from
      from run_heartbeats where execution_id in (:ids)
      """;
  // The newest run of a campaign or issue at any asOf (execution ids only grow): `newsletter send`
  // continues it when it stopped, failed or its owner died, instead of starting another beside it.
  private static final String LATEST = """
      select max(execution_id) from run_heartbeats where campaign_id = :campaignId
      """;

  /** A run's recorded owner, last heartbeat and the run it took over (null: none). */
  record Heartbeat(long executionId, RunOwner owner, Instant beat, Long recoveredFrom) {
  }

  private final NamedParameterJdbcTemplate jdbc;
  private final RunSettings settings;
  private final RunLease lease;
  private final Clock wallClock = Clock.systemUTC();
  // The runs this process is running now, with their beat task.
  private final Map<Long, ScheduledFuture<?>> live = new ConcurrentHashMap<>();
  private final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread thread = new Thread(task, "dripline-heartbeat");
    thread.setDaemon(true);
    return thread;
  });

  RunHeartbeats(NamedParameterJdbcTemplate jdbc, RunSettings settings) {
    this.jdbc = jdbc;
    this.settings = settings;
    this.lease = new RunLease(settings.lease());
  }

  /**
   * Records this process as the owner of a run it just started and beats for it until
   * {@code finished} completes (a last beat then, so {@code jobs} shows when it ended here).
   */
  void track(JobExecution execution, Long recoveredFrom, CompletableFuture<Void> finished) {
    long id = execution.getId();
    RunOwner self = RunOwner.current();
    long every = settings.heartbeatEvery().toMillis();
    try {
      live.put(id, beats.scheduleAtFixedRate(() -> beat(List.of(id)), every, every, TimeUnit.MILLISECONDS));
    } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
      // The application is closing while this run starts: it ends with it (GracefulStop); no beats needed.
      log.debug("Run {}: no heartbeat, the application is shutting down", id);
    }
    try {
      jdbc.update(INSERT, new MapSqlParameterSource("id", id)
          .addValue("campaignId", execution.getJobParameters().getString("campaign"))
          .addValue("host", truncate(self.host(), 255)).addValue("pid", self.pid())
          .addValue("ownerStarted", UtcTime.toDb(self.processStarted()))
          .addValue("now", UtcTime.toDb(wallClock.instant())).addValue("recoveredFrom", recoveredFrom));
    } catch (RuntimeException e) {
      // The run is on its way already; without its row another process judges it by its age alone.
      log.warn("Run {}: cannot record its owner and heartbeat: {}", id, e.getMessage());
    }
    finished.whenComplete((done, failure) -> {
      ScheduledFuture<?> task = live.remove(id);
      if (task != null) {
        task.cancel(false);
      }
      beat(List.of(id));
    });
  }

  /** What a running execution's owner looks like from this process now. */
  RunLease.Verdict judge(JobExecution execution) {
    Heartbeat heartbeat = find(List.of(execution.getId())).get(execution.getId());
    return lease.judge(heartbeat == null ? null : heartbeat.owner(), heartbeat == null ? null : heartbeat.beat(),
        local(execution.getCreateTime()), wallClock.instant(), RunOwner.current(), live.containsKey(execution.getId()));
  }

  java.time.Duration lease() {
    return settings.lease();
  }

  /** The heartbeat rows of these executions, by id (absent: none recorded). */
  Map<Long, Heartbeat> find(Collection<Long> executionIds) {
    Map<Long, Heartbeat> found = new HashMap<>();
    if (executionIds.isEmpty()) {
      return found;
    }
    jdbc.query(FIND, Map.of("ids", List.copyOf(executionIds)), rs -> {
      long recovered = rs.getLong("recovered_from");
      Long recoveredFrom = rs.wasNull() ? null : recovered;
      RunOwner owner = new RunOwner(rs.getString("owner_host"), rs.getLong("owner_pid"),
          UtcTime.fromDb(rs.getObject("owner_started", LocalDateTime.class)));
      found.put(rs.getLong("execution_id"), new Heartbeat(rs.getLong("execution_id"), owner,
          UtcTime.fromDb(rs.getObject("heartbeat_at", LocalDateTime.class)), recoveredFrom));
    });
    return found;
  }

  /** The id of the newest run recorded for this campaign or issue (empty: none yet). */
  java.util.Optional<Long> latest(String campaignId) {
    return java.util.Optional.ofNullable(jdbc.queryForObject(LATEST, Map.of("campaignId", campaignId), Long.class));
  }

  Set<Long> live() {
    return Set.copyOf(live.keySet());
  }

  private void beat(List<Long> ids) {
    RunOwner self = RunOwner.current();
    try {
      jdbc.update(BEAT, new MapSqlParameterSource("ids", ids).addValue("now", UtcTime.toDb(wallClock.instant()))
          .addValue("host", truncate(self.host(), 255)).addValue("pid", self.pid()));
    } catch (RuntimeException e) {
      // A beat lost is not a run lost: the next one comes soon; only a lease's worth of them makes it stale.
      log.warn("Run heartbeat of {} failed: {}", ids, e.getMessage());
    }
  }

  /** Spring Batch records local date-times of the JVM's zone. */
  private static Instant local(LocalDateTime time) {
    return time == null ? null : time.atZone(ZoneId.systemDefault()).toInstant();
  }

  private static String truncate(String value, int max) {
    return value.length() <= max ? value : value.substring(0, max);
  }

  @Override
  public void destroy() {
    beats.shutdownNow();
  }
}
