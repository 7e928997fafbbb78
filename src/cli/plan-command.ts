import { UsageError } from '../model/errors.js';
import type { Command } from './io.js';

export const planCommand: Command = async () => {
  throw new UsageError('losant-org plan is not built yet');
};
