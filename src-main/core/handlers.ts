import type { z } from 'zod';
import type { ChannelName, Channels, ResponseOf } from '../../src-shared/ipc/contract';

export type ParsedRequestOf<C extends ChannelName> = z.output<Channels[C]['request']>;

/** One handler per contract channel; the type makes a missing or extra handler a compile error. */
export type Handlers = {
  [C in ChannelName]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>>;
};
