package dev.checkpoint.instrumentation.kafka.internal;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * The records of one poll, with each record's processing recorded as it is taken from an iterator
 * ({@link #iterator()}, and the iterators of {@link #records(TopicPartition)} and {@link
 * #records(String)}): see {@link ProcessingCursor}. Reading a record by index does not start its
 * checkpoint.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class RecordingRecords<K, V> extends ConsumerRecords<K, V> {

  private final ProcessingCursor cursor;

  RecordingRecords(ConsumerRecords<K, V> polled, ProcessingCursor cursor) {
    super(byPartition(polled), polled.nextOffsets());
    this.cursor = cursor;
  }

  private static <K, V> Map<TopicPartition, List<ConsumerRecord<K, V>>> byPartition(
      ConsumerRecords<K, V> polled) {
    Map<TopicPartition, List<ConsumerRecord<K, V>>> records = new HashMap<>();
    for (TopicPartition partition : polled.partitions()) {
      records.put(partition, polled.records(partition));
    }
    return records;
  }

  @Override
  public Iterator<ConsumerRecord<K, V>> iterator() {
    return new RecordingIterator<>(super.iterator(), cursor);
  }

  @Override
  public List<ConsumerRecord<K, V>> records(TopicPartition partition) {
    List<ConsumerRecord<K, V>> records = super.records(partition);
    return new AbstractList<>() {
      @Override
      public ConsumerRecord<K, V> get(int index) {
        return records.get(index);
      }

      @Override
      public int size() {
        return records.size();
      }

      @Override
      public Iterator<ConsumerRecord<K, V>> iterator() {
        return new RecordingIterator<>(records.iterator(), cursor);
      }
    };
  }

  @Override
  public Iterable<ConsumerRecord<K, V>> records(String topic) {
    Iterable<ConsumerRecord<K, V>> records = super.records(topic);
    return () -> new RecordingIterator<>(records.iterator(), cursor);
  }

  /** Starts a record's checkpoint when it is taken, ends the last when there are no more. */
  private static final class RecordingIterator<K, V> implements Iterator<ConsumerRecord<K, V>> {
    private final Iterator<ConsumerRecord<K, V>> delegate;
    private final ProcessingCursor cursor;

    RecordingIterator(Iterator<ConsumerRecord<K, V>> delegate, ProcessingCursor cursor) {
      this.delegate = delegate;
      this.cursor = cursor;
    }

    @Override
    public boolean hasNext() {
      boolean more = delegate.hasNext();
      if (!more) {
        cursor.end();
      }
      return more;
    }

    @Override
    public ConsumerRecord<K, V> next() {
      ConsumerRecord<K, V> record = delegate.next();
      cursor.begin(record);
      return record;
    }
  }
}
