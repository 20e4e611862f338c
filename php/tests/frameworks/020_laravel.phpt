--TEST--
Laravel (Debian's Laravel 8) with php/frameworks.md's recipe: getContent() verifies a GBK notification with fund_bill_list, applied once through the ledger; the route in routes/web.php gets 419 without the CSRF except and success with it; $request->all() loses what Alipay signed
--FILE--
<?php
require __DIR__ . '/frameworks.inc';

/* A Laravel application as `laravel new` lays it out, reduced to what a notify_url needs:
 * the recipe's route in routes/api.php and routes/web.php, the web group with sessions and
 * the CSRF check, the global TrimStrings and ConvertEmptyStringsToNull. */
function fw_laravel_app(string $name, string $verifyCsrfToken): string
{
    $dir = sys_get_temp_dir() . "/alipay-notify-phpt-laravel-$name-" . getmypid();
    register_shutdown_function(fn () => register_shutdown_function(fn () => exec('rm -rf ' . escapeshellarg($dir))));
    foreach (['public', 'bootstrap/cache', 'config', 'routes', 'resources/lang', 'app/Http/Middleware', 'app/Providers',
              'storage/framework/views', 'storage/logs'] as $sub) {
        @mkdir("$dir/$sub", 0700, true);
    }
    $samples = fw_samples();
    fw_write_reply_function($dir);
    file_put_contents("$dir/routes/api.php", $samples['laravel-route'] . <<<'PHP'
// Not the recipe: what goes wrong with the parsed input (TrimStrings, ConvertEmptyStringsToNull).
Route::post('/alipay/notify-parsed', function (Request $request) {
    $verifier = new AlipayNotify\Verifier(['alipay_public_key' => file_get_contents(base_path('alipay_public_key.txt'))]);
    try {
        $verifier->verifyParams($request->all());
        return response('success');
    } catch (AlipayNotify\Exception $e) {
        return response('fail')->header('X-Error', $e->getErrorName());
    }
});
PHP);
    file_put_contents("$dir/routes/web.php", $samples['laravel-route']);
    file_put_contents("$dir/app/Http/Middleware/VerifyCsrfToken.php", $verifyCsrfToken);
    file_put_contents("$dir/app/Http/Kernel.php", <<<'PHP'
<?php
namespace App\Http;

class Kernel extends \Illuminate\Foundation\Http\Kernel
{
    protected $middleware = [
        \Illuminate\Foundation\Http\Middleware\TrimStrings::class,
        \Illuminate\Foundation\Http\Middleware\ConvertEmptyStringsToNull::class,
    ];
    protected $middlewareGroups = [
        'web' => [
            \Illuminate\Cookie\Middleware\EncryptCookies::class,
            \Illuminate\Session\Middleware\StartSession::class,
            \App\Http\Middleware\VerifyCsrfToken::class,
        ],
        'api' => [],
    ];
}
PHP);
    file_put_contents("$dir/app/Providers/RouteServiceProvider.php", <<<'PHP'
<?php
namespace App\Providers;

use Illuminate\Support\Facades\Route;

class RouteServiceProvider extends \Illuminate\Foundation\Support\Providers\RouteServiceProvider
{
    public function boot()
    {
        $this->routes(function () {
            Route::prefix('api')->middleware('api')->group(base_path('routes/api.php'));
            Route::middleware('web')->group(base_path('routes/web.php'));
        });
    }
}
PHP);
    file_put_contents("$dir/config/app.php", '<?php return ' . var_export([
        'name' => 'shop', 'env' => 'production', 'debug' => false, 'url' => 'http://127.0.0.1',
        'key' => 'base64:' . base64_encode(random_bytes(32)), 'cipher' => 'AES-256-CBC',
        'timezone' => 'UTC', 'locale' => 'en', 'fallback_locale' => 'en', 'aliases' => [],
        'providers' => [
            'Illuminate\Cookie\CookieServiceProvider', 'Illuminate\Encryption\EncryptionServiceProvider',
            'Illuminate\Filesystem\FilesystemServiceProvider', 'Illuminate\Session\SessionServiceProvider',
            'Illuminate\View\ViewServiceProvider', 'Illuminate\Translation\TranslationServiceProvider',
            'App\Providers\RouteServiceProvider',
        ],
    ], true) . ';');
    file_put_contents("$dir/config/session.php", '<?php return ' . var_export(['driver' => 'array', 'lifetime' => 120,
        'expire_on_close' => false, 'encrypt' => false, 'cookie' => 'shop_session', 'path' => '/', 'domain' => null,
        'secure' => false, 'http_only' => true, 'same_site' => 'lax', 'lottery' => [2, 100]], true) . ';');
    file_put_contents("$dir/config/view.php", '<?php return ' . var_export(['paths' => [], 'compiled' => "$dir/storage/framework/views"], true) . ';');
    file_put_contents("$dir/config/logging.php", '<?php return ' . var_export(['default' => 'file', 'channels' => [
        'file' => ['driver' => 'single', 'path' => "$dir/storage/logs/laravel.log"]]], true) . ';');
    file_put_contents("$dir/public/index.php", <<<'PHP'
<?php
require 'Illuminate/autoload.php';  // Debian's php-laravel-framework
spl_autoload_register(function (string $class): void {
    $file = dirname(__DIR__) . '/app/' . str_replace('\\', '/', substr($class, 4)) . '.php';
    if (str_starts_with($class, 'App\\') && is_file($file)) {
        require $file;
    }
});
require dirname(__DIR__) . '/alipay_notify.php';
$app = new Illuminate\Foundation\Application(dirname(__DIR__));
$app->singleton(Illuminate\Contracts\Http\Kernel::class, App\Http\Kernel::class);
$app->singleton(Illuminate\Contracts\Console\Kernel::class, Illuminate\Foundation\Console\Kernel::class);
$app->singleton(Illuminate\Contracts\Debug\ExceptionHandler::class, Illuminate\Foundation\Exceptions\Handler::class);
$kernel = $app->make(Illuminate\Contracts\Http\Kernel::class);
$response = $kernel->handle($request = Illuminate\Http\Request::capture())->send();
$kernel->terminate($request, $response);
PHP);
    return $dir;
}

$plainCsrf = <<<'PHP'
<?php
namespace App\Http\Middleware;

class VerifyCsrfToken extends \Illuminate\Foundation\Http\Middleware\VerifyCsrfToken
{
}
PHP;
$modules = ['ctype', 'mbstring', 'tokenizer', 'iconv', 'pdo', 'pdo_sqlite'];
$apps = [];
foreach (['without the except' => $plainCsrf, 'with the recipe\'s except' => fw_samples()['laravel-csrf-except']] as $name => $csrf) {
    $dir = fw_laravel_app(md5($name), $csrf);
    $apps[$name] = [fw_start_server("$dir/public", "$dir/public/index.php", $modules), $dir];
}

$gbk = fw_notification(['charset' => 'GBK']);
$trailing = fw_notification(['subject' => '测试商品 ']);
$empty = fw_notification(['body' => '']);
$forged = str_replace('total_amount=88.00', 'total_amount=0.01', fw_notification());
[$server, $dir] = $apps['without the except'];
foreach ([
    'routes/api.php, GBK' => ['/api/alipay/notify', $gbk, 'GBK'],
    'routes/api.php, a value ending in a space' => ['/api/alipay/notify', $trailing, 'utf-8'],
    'routes/api.php, an empty value' => ['/api/alipay/notify', $empty, 'utf-8'],
    'routes/api.php, forged amount' => ['/api/alipay/notify', $forged, 'utf-8'],
    '$request->all(), GBK' => ['/api/alipay/notify-parsed', $gbk, 'GBK'],
    '$request->all(), a value ending in a space' => ['/api/alipay/notify-parsed', $trailing, 'utf-8'],
    '$request->all(), an empty value' => ['/api/alipay/notify-parsed', $empty, 'utf-8'],
] as $case => [$path, $body, $charset]) {
    [$status, $headers, $answer] = an_post_form($server, $path, $body, $charset);
    echo "$case: $status [$answer]", isset($headers['x-error']) ? " {$headers['x-error']}" : '', "\n";
}
foreach ($apps as $name => [$server, $dir]) {
    [$status, , $answer] = an_post_form($server, '/alipay/notify', $gbk, 'GBK');
    echo "routes/web.php $name: $status", $status === 200 ? " [$answer]" : '', "\n";
}
// Each application has its database: its first paid notification applies, the rest are duplicates.
echo 'mark_paid() calls: ', substr_count(file_get_contents($apps['without the except'][1] . '/paid.log')
    . file_get_contents($apps['with the recipe\'s except'][1] . '/paid.log'), 'T1001'), "\n";
?>
--EXPECT--
routes/api.php, GBK: 200 [success]
routes/api.php, a value ending in a space: 200 [success]
routes/api.php, an empty value: 200 [success]
routes/api.php, forged amount: 200 [fail]
$request->all(), GBK: 200 [fail] MALFORMED_INPUT
$request->all(), a value ending in a space: 200 [fail] INVALID_SIGNATURE
$request->all(), an empty value: 200 [fail] MALFORMED_INPUT
routes/web.php without the except: 419
routes/web.php with the recipe's except: 200 [success]
mark_paid() calls: 2
