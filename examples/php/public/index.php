<?php
declare(strict_types=1);

require dirname(__DIR__) . '/src/bootstrap.php';

page_start('PHP 演示商店 · Demo shop');
?>
<p><?= h(SHOP_PRODUCT['subject']) ?>: ¥<?= h(SHOP_PRODUCT['total_amount']) ?></p>
<form method="post" action="/checkout.php">
  <button type="submit">购买 · Buy with Alipay</button>
</form>
<p>支付网关 Gateway: <code><?= h(shop_config()['gateway']) ?></code></p>
<?php
page_end();
