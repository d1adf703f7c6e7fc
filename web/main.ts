import { createApp } from 'vue';
import { createPinia } from 'pinia';
import ElementPlus from 'element-plus';
import 'element-plus/dist/index.css';
import './styles/main.css';
import App from './App.vue';
import { i18n } from './i18n';
import { createAppRouter } from './router';
import { onUnauthorized } from './api/http';
import { useSessionStore } from './stores/session';

const pinia = createPinia();
const router = createAppRouter(pinia);

onUnauthorized(() => {
  const session = useSessionStore(pinia);
  if (!session.signedIn) return;
  session.expire();
  const current = router.currentRoute.value;
  void router.replace({ name: 'login', query: { redirect: current.fullPath, expired: '1' } });
});

createApp(App).use(pinia).use(router).use(i18n).use(ElementPlus).mount('#app');
