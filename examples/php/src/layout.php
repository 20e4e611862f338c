<?php
/* The HTML around every page. */

declare(strict_types=1);

function page_start(string $title): void
{
    header('Content-Type: text/html; charset=utf-8');
    echo '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>', h($title),
        '</title><style>body{font-family:sans-serif;max-width:40em;margin:2em auto}'
        . 'table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em}</style></head><body>',
        '<p><a href="/">PHP 演示商店 · demo shop</a></p><h1>', h($title), '</h1>';
}

function page_end(): void
{
    echo '</body></html>';
}

function order_table(array $order): void
{
    echo '<table>';
    foreach (['out_trade_no' => '订单号 Order', 'subject' => '商品 Item', 'total_amount' => '金额 Amount (¥)',
              'status' => '状态 Status', 'trade_no' => '支付宝交易号 Alipay trade no', 'paid_at' => '支付时间 Paid at'] as $field => $label) {
        echo '<tr><th>', h($label), '</th><td class="', h($field), '">', h($order[$field] ?? ''), '</td></tr>';
    }
    echo '</table>';
}
