import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { keys, ReadModelsMoved } from '@goals/read-models';
import { REDIS, READ_MODEL_KEY_PREFIX } from '@goals/infrastructure';

type Listener = (moved: ReadModelsMoved) => void;

/**
 * One Redis subscription per api process, shared by every open browser: the projector publishes
 * what each batch moved once it is readable, wherever the projector runs (in this process on the
 * embedded default, in a worker elsewhere).
 */
@Injectable()
export class LiveChanges implements OnApplicationShutdown {
  private subscriber?: Redis;
  private readonly listeners = new Set<Listener>();

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    if (!this.subscriber) {
      const channel = READ_MODEL_KEY_PREFIX + keys.changesChannel;
      this.subscriber = this.redis.duplicate();
      this.subscriber.on('message', (_channel: string, message: string) => {
        let moved: ReadModelsMoved;
        try {
          moved = JSON.parse(message) as ReadModelsMoved;
        } catch {
          return;
        }
        for (const each of this.listeners) each(moved);
      });
      this.subscriber.subscribe(channel).catch(() => undefined);
    }
    return () => this.listeners.delete(listener);
  }

  onApplicationShutdown(): void {
    this.listeners.clear();
    this.subscriber?.disconnect();
    this.subscriber = undefined;
  }
}
