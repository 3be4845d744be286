import { z } from 'zod';

/** What the login page and the portal may know before anyone signs in. */
export const ZPlatformInfo = z.object({
  mode: z.enum(['demo', 'development', 'production', 'test']),
  /** Demo mode only: the documented demo accounts (演示账户) and their shared password. */
  demo: z
    .object({
      password: z.string(),
      accounts: z.array(
        z.object({ username: z.string(), role: z.string(), displayName: z.string(), divisionName: z.string() }),
      ),
    })
    .nullable(),
});
export type PlatformInfo = z.infer<typeof ZPlatformInfo>;
