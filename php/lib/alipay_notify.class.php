<?php
/*
 * alipay_notify.class.php: a drop-in replacement for lib/alipay_notify.class.php of Alipay's
 * official mapi demo (即时到账 create_direct_pay_by_user, 双接口, 担保交易; MD5 or RSA), backed by
 * the alipay_notify extension. Point the require_once line of notify_url.php and
 * return_url.php at this file and change nothing else:
 *
 *     require_once("alipay.config.php");
 *     require_once("/path/to/alipay-notify/php/lib/alipay_notify.class.php");
 *     $alipayNotify = new AlipayNotify($alipay_config);
 *     $verify_result = $alipayNotify->verifyNotify();   // or verifyReturn()
 *
 * verifyNotify() and verifyReturn() return true or false as the demo's did: true when the
 * signature verifies with the configured key and Alipay's notify_verify check answers true for
 * the message's notify_id. A message without notify_id is false, as in the demo (lastError:
 * NOTIFY_VERIFY_REJECTED, naming the missing notify_id). What changes is how:
 *
 * - The signature is checked over the raw request (php://input, $_SERVER['QUERY_STRING']),
 *   not over $_POST/$_GET: "+" and GBK messages verify, duplicates are refused, and the MD5
 *   comparison takes constant time. $_POST and $_GET stay available to your code as before.
 * - The notify_verify answer must be exactly "true" (surrounding whitespace and case aside);
 *   the demo accepted anything ending in "true".
 * - $alipayNotify->lastError holds why the last call returned false (an AlipayNotify\Exception
 *   with getErrorName()), for your logs; a bad configuration also raises an E_USER_WARNING.
 *
 * The configuration keys are the demo's: partner, key (MD5), sign_type ("MD5" or "RSA"),
 * input_charset, ali_public_key_path (RSA: Alipay's public key, PEM or bare base64; 1024-bit
 * keys are accepted as the legacy gateway uses them), cacert (the CA bundle for the HTTPS
 * check; the system's when the file is missing), transport ("https" or "http"). Two optional
 * keys are new: notify_verify_gateway (the URL notify_verify is sent to, such as a sandbox or
 * a test stand-in) and notify_verify_timeout (seconds, default 15).
 *
 * Only this file changes: keep alipay_core.function.php and alipay_submit.class.php for the
 * payment request side, and keep requiring alipay_core.function.php if your notify_url.php
 * calls its functions (logResult).
 */

if (!extension_loaded('alipay_notify')) {
    throw new \Error(
        'alipay_notify.class.php needs the alipay_notify PHP extension: build it from php/ext '
        . '(phpize && ./configure && make && make install) and add extension=alipay_notify to php.ini'
    );
}

class AlipayNotify
{
    /** The demo's notify_verify addresses, chosen by $alipay_config['transport'] (code that
     *  changed them, say for the sandbox, keeps working). */
    public $https_verify_url = 'https://mapi.alipay.com/gateway.do?service=notify_verify&';
    public $http_verify_url = 'http://notify.alipay.com/trade/notify_query.do?';

    /** @var array the configuration, as passed to the constructor */
    public $alipay_config;

    /** @var \AlipayNotify\Exception|null why the last verifyNotify()/verifyReturn() returned false */
    public $lastError = null;

    /** @var \AlipayNotify\Verifier|null built on first use from $alipay_config */
    private $verifier = null;

    public function __construct($alipay_config)
    {
        $this->alipay_config = $alipay_config;
    }

    /**
     * Whether the current notify_url POST is a genuine message from Alipay.
     * @return bool
     */
    public function verifyNotify()
    {
        return $this->verifyRequest('notify', \AlipayNotify\request_body());
    }

    /**
     * Whether the current return_url redirect is a genuine message from Alipay.
     * @return bool
     */
    public function verifyReturn()
    {
        return $this->verifyRequest('return', \AlipayNotify\request_query());
    }

    /**
     * Asks Alipay whether it sent the notification with this notify_id (the demo's ATN check)
     * and returns the body of the answer: "true", "false" or "invalid"; "" when the request
     * failed.
     * @return string
     */
    public function getResponse($notify_id)
    {
        try {
            return $this->notifyVerifyAnswer($notify_id);
        } catch (\AlipayNotify\Exception $e) {
            $this->lastError = $e;
            return '';
        }
    }

    private function verifyRequest($kind, $raw)
    {
        $this->lastError = null;
        try {
            $verifier = $this->verifier();
        } catch (\AlipayNotify\Exception $e) {
            // The demo answered false for a bad configuration too, silently; say why in the log.
            $this->lastError = $e;
            trigger_error('AlipayNotify: check $alipay_config: ' . $e->getMessage(), E_USER_WARNING);
            return false;
        }
        try {
            $notification = $kind === 'notify' ? $verifier->verifyNotify($raw) : $verifier->verifyReturn($raw);
            // The id is read from the verified message, so it is one Alipay signed. As in the
            // demo (whose answer starts as "false"), a message without one is refused: accepting
            // it would skip the check that stops a replayed message once its minute is over.
            $notify_id = $notification['notify_id'];
            if ($notify_id === null || $notify_id === '') {
                throw \AlipayNotify\Exception::fromCode(
                    \AlipayNotify\Exception::NOTIFY_VERIFY_REJECTED,
                    'the message carries no notify_id, so notify_verify cannot confirm that Alipay sent it '
                    . '(the official demo answers false too)'
                );
            }
            \AlipayNotify\classify_notify_verify($this->notifyVerifyAnswer($notify_id));
            return true;
        } catch (\AlipayNotify\Exception $e) {
            $this->lastError = $e;
            if ($e instanceof \AlipayNotify\ConfigException) {
                trigger_error('AlipayNotify: check $alipay_config: ' . $e->getMessage(), E_USER_WARNING);
            }
            return false;
        }
    }

    /** The verifier for $alipay_config, built once. */
    private function verifier()
    {
        if ($this->verifier !== null) {
            return $this->verifier;
        }
        $config = is_array($this->alipay_config) ? $this->alipay_config : [];
        $sign_type = strtoupper(trim((string) ($config['sign_type'] ?? '')));
        $options = [];
        if (isset($config['input_charset']) && trim($config['input_charset']) !== '') {
            $options['default_charset'] = strtolower(trim($config['input_charset']));
        }
        if ($sign_type === 'MD5') {
            $options['md5_key'] = (string) ($config['key'] ?? '');
        } elseif ($sign_type === 'RSA') {
            $path = (string) ($config['ali_public_key_path'] ?? '');
            $key = $path !== '' && is_readable($path) ? file_get_contents($path) : false;
            if ($key === false) {
                throw \AlipayNotify\Exception::fromCode(
                    \AlipayNotify\Exception::INVALID_KEY,
                    "ali_public_key_path '$path' cannot be read"
                );
            }
            $options['alipay_public_key'] = $key;
            $options['sign_types'] = ['RSA'];
            $options['min_key_bits'] = 1024;
        } else {
            throw \AlipayNotify\Exception::fromCode(
                \AlipayNotify\Exception::INVALID_CONFIG,
                "sign_type '$sign_type' is not MD5 or RSA"
            );
        }
        return $this->verifier = new \AlipayNotify\Verifier($options);
    }

    /** GETs the notify_verify URL for $notify_id and returns the body of the answer. */
    private function notifyVerifyAnswer($notify_id)
    {
        $config = is_array($this->alipay_config) ? $this->alipay_config : [];
        if (isset($config['notify_verify_gateway']) && $config['notify_verify_gateway'] !== '') {
            $gateway = $config['notify_verify_gateway'];
        } elseif (strtolower(trim((string) ($config['transport'] ?? ''))) === 'https') {
            $gateway = $this->https_verify_url;
        } else {
            $gateway = $this->http_verify_url;
        }
        // The demo's addresses end with the start of their query ("?service=notify_verify&",
        // "?"); the library writes the whole query, encoding notify_id once.
        $gateway = rtrim(str_replace('service=notify_verify&', '', $gateway), '?&');
        $url = \AlipayNotify\notify_verify_url(trim((string) ($config['partner'] ?? '')), $notify_id, $gateway);
        $timeout = (float) ($config['notify_verify_timeout'] ?? 15);
        $cacert = (string) ($config['cacert'] ?? '');
        $cacert = $cacert !== '' && is_readable($cacert) ? $cacert : null;
        $error = null;
        $body = ini_get('allow_url_fopen') || !function_exists('curl_init')
            ? self::getWithStreams($url, $timeout, $cacert, $error)
            : self::getWithCurl($url, $timeout, $cacert, $error);
        if ($body === null) {
            throw \AlipayNotify\Exception::fromCode(
                \AlipayNotify\Exception::NOTIFY_VERIFY_UNEXPECTED,
                'the notify_verify request to ' . parse_url($gateway, PHP_URL_HOST) . " failed: $error"
            );
        }
        return $body;
    }

    private static function getWithStreams($url, $timeout, $cacert, &$error)
    {
        $ssl = ['verify_peer' => true, 'verify_peer_name' => true];
        if ($cacert !== null) {
            $ssl['cafile'] = $cacert;
        }
        $context = stream_context_create([
            'http' => ['method' => 'GET', 'timeout' => $timeout, 'follow_location' => 0, 'ignore_errors' => true],
            'ssl' => $ssl,
        ]);
        set_error_handler(function ($severity, $message) use (&$error) {
            $error = $message;
            return true;
        });
        try {
            $body = file_get_contents($url, false, $context);
        } finally {
            restore_error_handler();
        }
        if ($body === false) {
            $error = $error ?? 'no answer';
            return null;
        }
        return $body;
    }

    private static function getWithCurl($url, $timeout, $cacert, &$error)
    {
        $curl = curl_init($url);
        $options = [
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_HEADER => false,
            CURLOPT_FOLLOWLOCATION => false,
            CURLOPT_SSL_VERIFYPEER => true,
            CURLOPT_SSL_VERIFYHOST => 2,
            CURLOPT_TIMEOUT_MS => (int) ($timeout * 1000),
        ];
        if ($cacert !== null) {
            $options[CURLOPT_CAINFO] = $cacert;
        }
        curl_setopt_array($curl, $options);
        $body = curl_exec($curl);
        if ($body === false) {
            $error = curl_error($curl);
        }
        return $body === false ? null : $body;
    }
}
