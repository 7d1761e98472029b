/**
 * The browsers one build prints with (pipeline.ts `browserSlots`): each edition holds
 * one while it renders, and a browser no edition holds is lent to an edition printing
 * part by part, which prints its parts on every browser it holds at once
 * (render/pdf/print-parts.ts). With one browser, the default, nothing is ever lent.
 */
import type { BrowserSlot } from './pipeline.ts';

export class BrowserPool {
  private readonly idle: BrowserSlot[];

  constructor(readonly slots: readonly BrowserSlot[]) {
    this.idle = [...slots];
  }

  /** A browser no one holds, now; undefined when every one is held. */
  take(): BrowserSlot | undefined {
    return this.idle.shift();
  }

  /** Gives back a browser `take` gave. */
  give(slot: BrowserSlot): void {
    if (this.slots.includes(slot) && !this.idle.includes(slot)) this.idle.push(slot);
  }
}
