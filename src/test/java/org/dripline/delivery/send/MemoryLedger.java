package org.dripline.delivery.send;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dripline.delivery.DeliveryLedger;
import org.dripline.delivery.DeliveryStatus;

/** The send ledger's state changes in memory, with DeliveryLedger's conditions (claim only PLANNED rows ...). */
final class MemoryLedger implements SendLedger {

  static final class Row {
    DeliveryStatus status = DeliveryStatus.PLANNED;
    int attempts;
    String claimedBy;
    Instant nextAttemptAt;
    String reply;
    String lastError;
    String messageId;
  }

  final Map<Long, Row> rows = new LinkedHashMap<>();

  MemoryLedger planned(long... ids) {
    for (long id : ids) {
      rows.put(id, new Row());
    }
    return this;
  }

  Row row(long id) {
    return rows.get(id);
  }

  /** The delivery as the send step's reader would read it now. */
  DueDelivery due(long id) {
    return new DueDelivery(id, "welcome", id, rows.get(id).attempts);
  }

  @Override
  public Set<Long> claim(List<Long> ids, String token) {
    Set<Long> claimed = new HashSet<>();
    for (long id : ids) {
      Row row = rows.get(id);
      if (row.status == DeliveryStatus.PLANNED) {
        row.status = DeliveryStatus.SENDING;
        row.claimedBy = token;
        row.attempts++;
        claimed.add(id);
      }
    }
    return claimed;
  }

  @Override
  public Unclaimed unclaimed(long id) {
    return Unclaimed.TAKEN;
  }

  @Override
  public void markSent(List<DeliveryLedger.Sent> sent) {
    for (DeliveryLedger.Sent one : sent) {
      Row row = rows.get(one.id());
      if (row.status == DeliveryStatus.SENDING) {
        row.status = DeliveryStatus.SENT;
        row.messageId = one.messageId();
        row.reply = one.reply();
        row.lastError = null;
      }
    }
  }

  @Override
  public void releaseUnattempted(Collection<Long> ids, String token, String why) {
    for (long id : ids) {
      Row row = rows.get(id);
      if (row.status == DeliveryStatus.SENDING && token.equals(row.claimedBy)) {
        back(row, why);
      }
    }
  }

  @Override
  public void release(long id, String error) {
    Row row = rows.get(id);
    if (row.status == DeliveryStatus.SENDING) {
      back(row, error);
    }
  }

  @Override
  public void defer(long id, String reply, String error, Instant nextAttemptAt) {
    Row row = rows.get(id);
    if (row.status == DeliveryStatus.SENDING) {
      row.status = DeliveryStatus.PLANNED;
      row.claimedBy = null;
      row.nextAttemptAt = nextAttemptAt;
      row.reply = reply;
      row.lastError = error;
    }
  }

  @Override
  public void fail(long id, String reply, String error) {
    Row row = rows.get(id);
    if (row.status == DeliveryStatus.PLANNED || row.status == DeliveryStatus.SENDING) {
      row.status = DeliveryStatus.FAILED;
      row.reply = reply;
      row.lastError = error;
    }
  }

  @Override
  public void note(long id, String error) {
    rows.get(id).lastError = error;
  }

  private static void back(Row row, String error) {
    row.status = DeliveryStatus.PLANNED;
    row.claimedBy = null;
    row.attempts--;
    row.lastError = error;
  }
}
