using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Kaviar.Ops.Database;

/// <summary>Opens connections with our TLS checks and turns failures into <see cref="PostgresConnectionException"/>.</summary>
public static class PostgresConnector
{
    /// <exception cref="PostgresConnectionException">The connection could not be opened; <c>Failure</c> says why and how to fix it.</exception>
    public static async Task<PostgresSession> OpenAsync(PostgresTarget target, CancellationToken cancellationToken)
    {
        if (target is null)
            throw new ArgumentNullException(nameof(target));

        var bundle = target.TlsMode is TlsMode.VerifyFull or TlsMode.VerifyCA && target.CaBundlePath is not null
            ? CaBundle.Load(target.CaBundlePath)
            : null;
        var validator = target.TlsMode == TlsMode.Disable ? null : new ServerCertificateValidator(target.TlsMode, bundle, target.Host);

        // NpgsqlConnection rather than NpgsqlDataSource: the data source derives from DbDataSource, which lives in different
        // assemblies in Npgsql's netstandard2.0 and net8.0 builds, so this netstandard2.0 library could not hand it to .NET 8+ callers.
        var connection = new NpgsqlConnection(target.CreateConnectionStringBuilder().ConnectionString);
#pragma warning disable CS0618 // The data source's password provider would need NpgsqlDataSource (above); this per-connection callback is the same hook.
        connection.ProvidePasswordCallback = (_, _, _, _) => target.RevealPassword();
#pragma warning restore CS0618
        if (validator is not null)
            connection.UserCertificateValidationCallback = validator.Validate;
        try
        {
            await OpenCancellablyAsync(connection, cancellationToken).ConfigureAwait(false);
            return new PostgresSession(target, connection, await IsEncryptedAsync(connection, cancellationToken).ConfigureAwait(false));
        }
        catch (AbandonedOpenException)
        {
            // The attempt still runs; it disposes its connection when it ends.
            throw;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OperationCanceledException)
        {
            connection.Dispose();
            throw new PostgresConnectionException(PostgresFailureClassifier.Classify(e, target, validator), e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens the connection, giving up at once on Ctrl+C: Npgsql's own cancellation does not reach a TCP connect or TLS
    /// handshake that gets no answer, which would otherwise last until its connect timeout. The abandoned attempt ends
    /// by itself (its timeout) and its connection is disposed then.
    /// </summary>
    private static async Task OpenCancellablyAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var opening = connection.OpenAsync(cancellationToken);
        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(() => cancelled.TrySetResult(true)))
        {
            if (await Task.WhenAny(opening, cancelled.Task).ConfigureAwait(false) == opening)
            {
                await opening.ConfigureAwait(false);
                return;
            }
        }

        _ = opening.ContinueWith(attempt =>
        {
            _ = attempt.Exception;
            connection.Dispose();
        }, TaskScheduler.Default);
        throw new AbandonedOpenException(cancellationToken);
    }

    /// <summary>Ctrl+C while a connection was still being opened: the caller stops at once, the attempt ends on its own.</summary>
    private sealed class AbandonedOpenException : OperationCanceledException
    {
        public AbandonedOpenException(CancellationToken token)
            : base("Stopped while connecting.", token)
        {
        }
    }

    private static async Task<bool> IsEncryptedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand("SELECT coalesce((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), false)", connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Connects once and reports the outcome instead of throwing: the "can the app reach its database" check.</summary>
    public static async Task<PostgresProbeResult> ProbeAsync(PostgresTarget target, CancellationToken cancellationToken)
    {
        try
        {
            using var session = await OpenAsync(target, cancellationToken).ConfigureAwait(false);
            return PostgresProbeResult.Success(target, session.ServerVersion, session.IsEncrypted);
        }
        catch (PostgresConnectionException e)
        {
            return PostgresProbeResult.Failed(target, e.Failure);
        }
    }
}
