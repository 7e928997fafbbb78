import { UsageError } from '../model/errors.js';
import type { Command } from './io.js';

export const emulatorCommand: Command = async () => {
  throw new UsageError('losant-org emulator is not built yet');
};
