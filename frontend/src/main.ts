import { createPinia } from "pinia";
import { createApp } from "vue";

import App from "./App.vue";
import { createAppRouter } from "./router";
import { useConnectionStore } from "./stores/connection";
import { useFarmStore } from "./stores/farm";
import "./style.css";

const app = createApp(App).use(createPinia()).use(createAppRouter());
app.mount("#app");

// The wallet first (the dev wallet needs the node's accounts), then the farm it points at.
const connection = useConnectionStore();
await connection.init();
await useFarmStore().follow();
