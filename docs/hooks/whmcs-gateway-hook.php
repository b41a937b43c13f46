<?php
/**
 * Token gateway hook for WHMCS: tells the gateway when a client is closed, deleted, made inactive or active again,
 * so that client's API tokens follow the account (issue 12, docs/client-portal.md).
 *
 *   ClientClose, ClientDelete            -> POST /admin/api/v1/clients/{id}/close    (every token revoked)
 *   ClientEdit, status -> Inactive       -> POST /admin/api/v1/clients/{id}/suspend  (every token answers 401)
 *   ClientEdit, status -> Active         -> POST /admin/api/v1/clients/{id}/resume
 *   ClientEdit, status -> Closed         -> POST /admin/api/v1/clients/{id}/close
 *
 * Install: copy this file to <whmcs>/includes/hooks/ and give WHMCS's PHP these settings (environment variables, or
 * the same names as constants in configuration.php):
 *   GATEWAY_ADMIN_URL   the gateway's admin listener, e.g. https://gateway.internal:9443
 *   GATEWAY_ADMIN_KEY   an admin API key of a staff account of its own:
 *                         gateway staff create billing-hook --role admin
 *                         gateway staff keys create --name whmcs-hook --role admin --owner billing-hook
 *   GATEWAY_CA_FILE     optional: a PEM file to trust for the admin listener (e.g. the gateway's own certificate)
 *
 * A failed call never breaks WHMCS's own action: it is written to WHMCS's activity log (never the key). The gateway
 * answers a repeated state change with no change, so retrying (e.g. saving the client again) is safe.
 */

if (!defined('GATEWAY_HOOK_LOADED')) {
    define('GATEWAY_HOOK_LOADED', true);

    /** A setting from the environment, else a constant of that name (configuration.php), else null. */
    function gateway_hook_setting($name)
    {
        $value = getenv($name);
        if ($value !== false && $value !== '') {
            return $value;
        }

        return defined($name) ? constant($name) : null;
    }

    /** Where failures go: WHMCS's activity log when running inside WHMCS, PHP's error log otherwise. */
    function gateway_hook_log($message)
    {
        if (function_exists('logActivity')) {
            logActivity('Token gateway: ' . $message);
        } else {
            error_log('Token gateway: ' . $message);
        }
    }

    /**
     * Calls POST {admin}/admin/api/v1/clients/{id}/{action}; returns true when the gateway accepted it.
     * @param string $action suspend, resume or close
     */
    function gateway_hook_call($clientId, $action, $reason)
    {
        $base = gateway_hook_setting('GATEWAY_ADMIN_URL');
        $key = gateway_hook_setting('GATEWAY_ADMIN_KEY');
        $id = filter_var($clientId, FILTER_VALIDATE_INT, ['options' => ['min_range' => 1]]);
        if (!$base || !$key) {
            gateway_hook_log("not configured (GATEWAY_ADMIN_URL, GATEWAY_ADMIN_KEY); client {$clientId} was not told to {$action}.");
            return false;
        }

        if ($id === false) {
            gateway_hook_log("ignored a {$action} for a client id that is not a positive number.");
            return false;
        }

        $ch = curl_init(rtrim($base, '/') . "/admin/api/v1/clients/{$id}/{$action}");
        $options = [
            CURLOPT_POST => true,
            CURLOPT_POSTFIELDS => json_encode(['reason' => $reason]),
            CURLOPT_HTTPHEADER => [
                'Authorization: Bearer ' . $key,
                'Content-Type: application/json',
                'Accept: application/json',
            ],
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_CONNECTTIMEOUT => 5,
            CURLOPT_TIMEOUT => 10,
            CURLOPT_SSL_VERIFYPEER => true,
            CURLOPT_SSL_VERIFYHOST => 2,
            CURLOPT_PROTOCOLS => CURLPROTO_HTTPS,
        ];
        $ca = gateway_hook_setting('GATEWAY_CA_FILE');
        if ($ca) {
            $options[CURLOPT_CAINFO] = $ca;
        }

        curl_setopt_array($ch, $options);
        $body = curl_exec($ch);
        $status = (int) curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
        $error = curl_error($ch);
        curl_close($ch);

        if ($body === false || $status !== 200) {
            $detail = $body === false ? $error : "HTTP {$status}";
            gateway_hook_log("could not {$action} client {$id} ({$detail}); do it with `gateway clients {$action} {$id}`.");
            return false;
        }

        return true;
    }

    add_hook('ClientClose', 1, function ($vars) {
        gateway_hook_call($vars['userid'] ?? null, 'close', 'WHMCS: client closed');
    });

    add_hook('ClientDelete', 1, function ($vars) {
        gateway_hook_call($vars['userid'] ?? null, 'close', 'WHMCS: client deleted');
    });

    add_hook('ClientEdit', 1, function ($vars) {
        $new = $vars['status'] ?? null;
        $old = $vars['olddata']['status'] ?? null;
        if ($new === null || $new === $old) {
            return;
        }

        $action = ['Inactive' => 'suspend', 'Active' => 'resume', 'Closed' => 'close'][$new] ?? null;
        if ($action !== null) {
            gateway_hook_call($vars['userid'] ?? null, $action, "WHMCS: status {$old} -> {$new}");
        }
    });
}
