import { UsageError } from '../model/errors.js';
import type { Command } from './io.js';

export const applyCommand: Command = async () => {
  throw new UsageError('losant-org apply is not built yet');
};
