import { startBackground } from '@/src/ext/background/background-service';
import { installBackgroundHooks } from '@/src/ext/e2e/background-hooks';

export default defineBackground(() => {
  startBackground();
  // A build-time constant: production bundles drop the hooks entirely (checked by tests/build/check-bundles.ts).
  if (import.meta.env.MODE === 'e2e') installBackgroundHooks();
});
