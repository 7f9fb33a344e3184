import { startBackground } from '@/src/ext/background-service';

export default defineBackground(() => {
  startBackground({ e2e: import.meta.env.MODE === 'e2e' });
});
