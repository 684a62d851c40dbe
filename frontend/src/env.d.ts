/// <reference types="vite/client" />
declare module "*.vue" {
  import type { DefineComponent } from "vue";
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

interface ImportMetaEnv {
  /** Reown (WalletConnect) Cloud project id; set at build time to offer WalletConnect. */
  readonly VITE_WALLETCONNECT_PROJECT_ID?: string;
}
