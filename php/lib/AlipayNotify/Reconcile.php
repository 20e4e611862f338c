<?php
declare(strict_types=1);

namespace AlipayNotify;

/**
 * Reconciliation (主动查询): asks Alipay about an order whose notification never came (掉单)
 * and applies a paid answer through the same Ledger path as the notification would have
 * (source "query"). The library builds the signed request and verifies the signed answer; this
 * class only POSTs it, with curl (or PHP's streams when curl is missing), TLS verified, within
 * the timeout.
 *
 *     $reconcile = new Reconcile($verifier, '2021...', file_get_contents('app_private_key.pem'));
 *     $result = $reconcile->queryTrade(outTradeNo: 'T1001');          // a TradeResult
 *     $outcome = $reconcile->reconcile($ledger, 'T1001', $markPaid);  // null unless paid
 *
 * Options: gateway (Alipay's https://openapi.alipay.com/gateway.do; the sandbox's URL in
 * tests), timeout (seconds, 10).
 */
final class Reconcile
{
    public const GATEWAY = 'https://openapi.alipay.com/gateway.do';

    private readonly string $gateway;
    private readonly float $timeout;

    /** @param array{gateway?: string, timeout?: int|float} $options */
    public function __construct(
        private readonly Verifier $verifier,
        private readonly string $appId,
        #[\SensitiveParameter] private readonly string $appPrivateKey,
        array $options = [],
    ) {
        $unknown = array_diff(array_keys($options), ['gateway', 'timeout']);
        if ($unknown !== []) {
            throw Exception::fromCode(302, 'unknown Reconcile option ' . json_encode(array_values($unknown)));
        }
        $this->gateway = (string)($options['gateway'] ?? self::GATEWAY);
        if (!preg_match('~^https?://~i', $this->gateway)) {
            throw Exception::fromCode(302, 'the gateway option is not an http(s) URL');
        }
        $this->timeout = (float)($options['timeout'] ?? 10);
        if ($this->timeout <= 0) {
            throw Exception::fromCode(302, 'the timeout option must be a positive number of seconds');
        }
    }

    /** alipay.trade.query for one order, by exactly one of its numbers. */
    public function queryTrade(?string $outTradeNo = null, ?string $tradeNo = null): TradeResult
    {
        return $this->send(TradeRequest::query($this->appId, $outTradeNo, $tradeNo))[0];
    }

    /**
     * Signs $request, POSTs it and verifies the answer: [the TradeResult, the raw response
     * body]. Throws NetworkException when the gateway cannot be reached or does not answer
     * 200, and the library's exceptions when the answer does not verify.
     *
     * @return array{TradeResult, string}
     */
    public function send(TradeRequest $request): array
    {
        $body = $this->post($request->signedForm($this->appPrivateKey));
        return [$request->verifyResponse($this->verifier, $body), $body];
    }

    /**
     * Queries $outTradeNo and, when Alipay says it is paid, applies PAID through the ledger
     * exactly as the lost notification would have ($apply gets the TradeResult, the PDO and
     * the row). Returns the ledger's outcome, or null when the order is not paid (not found,
     * still waiting, closed): nothing is recorded then.
     */
    public function reconcile(Ledger $ledger, string $outTradeNo, callable $apply): ?LedgerOutcome
    {
        [$result, $body] = $this->send(TradeRequest::query($this->appId, $outTradeNo));
        if (!$result->isPaid()) {
            return null;
        }
        return $ledger->applyOnce($result, $body, $apply);
    }

    /**
     * reconcile() for each order number (the merchant's unpaid orders older than some
     * minutes). One order's failure does not stop the others: its exception is in the result.
     *
     * @param iterable<string> $outTradeNos
     * @return array<string, LedgerOutcome|\Throwable|null>
     */
    public function reconcilePending(Ledger $ledger, iterable $outTradeNos, callable $apply): array
    {
        $outcomes = [];
        foreach ($outTradeNos as $outTradeNo) {
            try {
                $outcomes[$outTradeNo] = $this->reconcile($ledger, $outTradeNo, $apply);
            } catch (\Throwable $e) {
                $outcomes[$outTradeNo] = $e;
            }
        }
        return $outcomes;
    }

    private function post(string $form): string
    {
        return function_exists('curl_init') ? $this->postWithCurl($form) : $this->postWithStreams($form);
    }

    private function postWithCurl(string $form): string
    {
        $curl = curl_init($this->gateway);
        curl_setopt_array($curl, [
            CURLOPT_POST => true,
            CURLOPT_POSTFIELDS => $form,
            CURLOPT_HTTPHEADER => ['Content-Type: application/x-www-form-urlencoded;charset=utf-8'],
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_TIMEOUT_MS => (int)ceil($this->timeout * 1000),
            CURLOPT_CONNECTTIMEOUT_MS => (int)ceil($this->timeout * 1000),
            CURLOPT_SSL_VERIFYPEER => true,
            CURLOPT_SSL_VERIFYHOST => 2,
            CURLOPT_FOLLOWLOCATION => false,
            CURLOPT_PROTOCOLS => CURLPROTO_HTTP | CURLPROTO_HTTPS,
        ]);
        $body = curl_exec($curl);
        $status = curl_getinfo($curl, CURLINFO_RESPONSE_CODE);
        $error = curl_error($curl);
        curl_close($curl);
        if ($body === false) {
            throw new NetworkException("{$this->gateway}: $error");
        }
        if ($status !== 200) {
            throw new NetworkException("{$this->gateway}: HTTP $status");
        }
        return $body;
    }

    private function postWithStreams(string $form): string
    {
        $context = stream_context_create([
            'http' => [
                'method' => 'POST',
                'header' => "Content-Type: application/x-www-form-urlencoded;charset=utf-8\r\n",
                'content' => $form,
                'timeout' => $this->timeout,
                'ignore_errors' => true,
                'follow_location' => 0,
            ],
            'ssl' => ['verify_peer' => true, 'verify_peer_name' => true],
        ]);
        $body = @file_get_contents($this->gateway, false, $context);
        if ($body === false) {
            throw new NetworkException("{$this->gateway}: " . (error_get_last()['message'] ?? 'no answer'));
        }
        $status = 0;
        foreach ($http_response_header ?? [] as $line) {
            if (preg_match('~^HTTP/\S+\s+(\d{3})~', $line, $m)) {
                $status = (int)$m[1];
            }
        }
        if ($status !== 200) {
            throw new NetworkException("{$this->gateway}: HTTP $status");
        }
        return $body;
    }
}
