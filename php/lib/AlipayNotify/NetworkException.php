<?php
declare(strict_types=1);

namespace AlipayNotify;

/**
 * The gateway could not be reached, timed out, or did not answer HTTP 200: nothing was
 * verified and nothing applied; try again later.
 */
final class NetworkException extends \RuntimeException
{
}
