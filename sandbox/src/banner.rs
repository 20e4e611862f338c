//! The startup text: the gateway URL first (scripts read that line), then what to paste into a
//! merchant app.

use crate::Sandbox;
use crate::messages::SELLER_ID;

pub(crate) fn text(sandbox: &Sandbox) -> String {
    let gateway = sandbox.gateway_url();
    let key = sandbox.alipay_public_key();
    let url = sandbox.url();
    let signatures = if sandbox.checks_signatures() {
        "Request signatures are checked with the app public keys given (--app-public-key)."
    } else {
        "Request signatures are NOT checked (no --app-public-key): any signature is accepted.\n\
         未校验请求签名：启动时加上 --app-public-key 以校验商户请求的签名。"
    };
    format!(
        "{gateway}\n\
         \n\
         支付宝沙箱 Alipay sandbox on {url}\n\
         {signatures}\n\
         Dashboard: {url}/   JSON: {url}/api/orders\n\
         \n\
         支付宝公钥 Alipay public key (ALIPAY_PUBLIC_KEY; also {url}/api/alipay-public-key):\n\
         {key}\n\
         seller_id: {SELLER_ID}\n\
         \n\
         Django settings.py:\n\
         ALIPAY_NOTIFY = {{\n    \"ALIPAY_PUBLIC_KEY\": \"{key}\",\n    \"APP_ID\": \"<your app_id>\",\n}}\n\
         ALIPAY_GATEWAY = \"{gateway}\"  # your shop's own setting: where buyers are sent\n\
         \n\
         Express (alipay-notify):\n\
         const verifier = new Verifier({{ alipayPublicKey: '{key}', appId: '<your app_id>' }})\n\
         const gateway = '{gateway}'  // your shop's own setting: where buyers are sent\n\
         \n\
         PHP (alipay_notify):\n\
         $verifier = new AlipayNotify\\Verifier(['alipay_public_key' => '{key}', 'app_id' => '<your app_id>']);\n\
         $gateway = '{gateway}';  // your shop's own setting: where buyers are sent\n"
    )
}
