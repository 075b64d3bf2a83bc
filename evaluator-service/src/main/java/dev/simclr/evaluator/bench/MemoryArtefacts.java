package dev.simclr.evaluator.bench;

import dev.simclr.evaluator.pipeline.ArtefactStore;
import dev.simclr.objectstore.ObjectNotFoundException;
import dev.simclr.objectstore.S3Uri;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** Artefacts kept in memory (the bench measures evaluation, not uploads). */
final class MemoryArtefacts implements ArtefactStore {

  private final Map<String, byte[]> objects = new ConcurrentSkipListMap<>();

  @Override
  public byte[] get(S3Uri uri, long maxBytes) {
    byte[] data = objects.get(uri.toString());
    if (data == null) {
      throw new ObjectNotFoundException(uri);
    }
    return data;
  }

  @Override
  public void put(S3Uri uri, byte[] data, String contentType) {
    objects.put(uri.toString(), data);
  }

  @Override
  public boolean exists(S3Uri uri) {
    return objects.containsKey(uri.toString());
  }

  @Override
  public List<S3Uri> list(S3Uri prefix) {
    return objects.keySet().stream().filter(k -> k.startsWith(prefix.toString())).map(S3Uri::parse).toList();
  }

  long size(S3Uri uri) {
    byte[] data = objects.get(uri.toString());
    return data == null ? -1 : data.length;
  }
}
