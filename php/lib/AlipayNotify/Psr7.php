<?php
/*
 * notify_url for PSR-7 frameworks (Slim, Mezzio, Hyperf, RoadRunner workers, any PSR-15
 * middleware stack): the raw body from a ServerRequestInterface, NotifyRequest's verify and
 * apply-once, and the reply as a PSR-7 response built by the framework's own PSR-17 factory.
 * Needs psr/http-message (1.x or 2.x) and a PSR-17 ResponseFactoryInterface.
 */

declare(strict_types=1);

namespace AlipayNotify;

use Psr\Http\Message\ResponseFactoryInterface;
use Psr\Http\Message\ResponseInterface;
use Psr\Http\Message\ServerRequestInterface;
use Psr\Http\Message\StreamInterface;

final class Psr7
{
    /**
     * NotifyRequest::process() on the request's raw body, answered as a PSR-7 response:
     * verified, recorded and applied at most once per transition through $ledger ($apply gets
     * the Notification, the ledger's PDO and the row), then exactly "success" (after the
     * commit) or "fail". What process() says about a ledger-less $apply holds here too.
     *
     * @param callable(Notification, ?\PDO, array<string, mixed>): void $apply
     */
    public static function handle(
        ServerRequestInterface $request,
        ResponseFactoryInterface $responseFactory,
        Verifier $verifier,
        callable $apply,
        ?Ledger $ledger = null,
    ): ResponseInterface {
        $outcome = NotifyRequest::process($verifier, $apply, $ledger, self::body($request));
        return self::reply($responseFactory, $outcome->reply);
    }

    /**
     * The request's raw body, byte for byte (GBK and `+` intact): never getParsedBody(),
     * which a body-parsing middleware decoded as UTF-8 pairs. A seekable body that a
     * middleware read already is rewound and read again; a body that cannot be rewound and
     * was read is a ConfigException (INVALID_CONFIG): it is a fault of the application's
     * setup, to fix by reading the body here first, so it is thrown, not answered `fail`.
     */
    public static function body(ServerRequestInterface $request): string
    {
        $stream = $request->getBody();
        if ($stream->isSeekable()) {
            $stream->rewind();
            // getContents(), not (string): PSR-7 1.x lets __toString() turn a read error into
            // '', which would verify as an empty message instead of failing loudly.
            return $stream->getContents();
        }
        $position = self::position($stream);
        if ($position !== null && $position > 0) {
            throw self::consumed("it is at byte $position");
        }
        $body = $stream->getContents();
        $declared = $request->getHeaderLine('Content-Length');
        if (preg_match('/^\d+$/', $declared) === 1 && strlen($body) < (int) $declared) {
            throw self::consumed(sprintf('%d of its %s bytes are left', strlen($body), $declared));
        }
        return $body;
    }

    /**
     * A response whose body is exactly $reply (AlipayNotify\SUCCESS or AlipayNotify\FAIL),
     * status 200, text/plain: Alipay reads the body only, and retries until it is `success`.
     */
    public static function reply(ResponseFactoryInterface $factory, string $reply): ResponseInterface
    {
        if ($reply !== SUCCESS && $reply !== FAIL) {
            throw Exception::fromCode(Exception::INVALID_CONFIG, 'a notify_url answers "success" or "fail", nothing else');
        }
        $response = $factory->createResponse(200)->withHeader('Content-Type', 'text/plain; charset=utf-8');
        $response->getBody()->write($reply);
        return $response;
    }

    private static function position(StreamInterface $stream): ?int
    {
        try {
            return $stream->tell();
        } catch (\RuntimeException) {
            return null; // some streams cannot tell: the Content-Length check still applies
        }
    }

    private static function consumed(string $where): Exception
    {
        return Exception::fromCode(
            Exception::INVALID_CONFIG,
            "the request body was already read and its stream cannot be rewound ($where): "
            . 'hand the request to AlipayNotify\Psr7 before any middleware reads the body'
        );
    }
}
