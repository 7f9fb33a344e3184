import { defineConfig } from 'wxt';

export default defineConfig({
  manifest: {
    name: 'Luanma 乱码修复',
  },
});
