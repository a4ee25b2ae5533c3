using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Kaviar.Ops.Simulator.Rds;

/// <summary>
/// The simulated account's database engine: a throw-away PostgreSQL 15 cluster in a temp directory: scram-sha-256 logins, TLS with <see cref="RdsStyleCertificates"/>,
/// listening only on 127.0.0.1 (plus a unix socket in the temp directory). Tests start one per collection and create a
/// database per test; a rehearsal starts one for its scenario's database. Dispose to stop it and delete every file.
/// initdb and postgres refuse to run as root, so as root the binaries run as the 'postgres' user via runuser.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    public const string Host = "127.0.0.1";
    public const string AdminUser = "kaviar_admin";
    private const string ServiceUser = "postgres";

    private readonly string _binDirectory;
    private int _databaseCounter;

    private PostgresServer(string root, string binDirectory, int port, string adminPassword, RdsStyleCertificates certificates)
    {
        RootDirectory = root;
        _binDirectory = binDirectory;
        Port = port;
        AdminPassword = adminPassword;
        Certificates = certificates;
    }

    public string RootDirectory { get; }

    public int Port { get; }

    public string AdminPassword { get; }

    public RdsStyleCertificates Certificates { get; }

    /// <summary>The root CA that signed the server certificate: the stand-in for RDS's global-bundle.pem.</summary>
    public string CaBundlePath => Certificates.RootCaPath;

    public NetworkCredential AdminCredential => new(AdminUser, AdminPassword);

    public ServerTls Tls { get; private set; } = ServerTls.Valid;

    private string DataDirectory => Path.Combine(RootDirectory, "data");

    /// <summary>Unix socket directory (for psql -h); admin work goes through it so TLS changes never get in the way.</summary>
    public string SocketDirectory => Path.Combine(RootDirectory, "socket");

    private string TlsConfigPath => Path.Combine(DataDirectory, "kaviar_tls.conf");

    private string LogPath => Path.Combine(RootDirectory, "postgres.log");

    private static bool IsRoot => Environment.UserName == "root";

    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var binDirectory = FindBinDirectory();
        var root = Path.Combine(Path.GetTempPath(), "kaviar-pg-" + Guid.NewGuid().ToString("N").Substring(0, 12));
        Directory.CreateDirectory(root);
        var server = new PostgresServer(root, binDirectory, FreePort(), Convert.ToHexString(RandomNumberGenerator.GetBytes(18)),
            RdsStyleCertificates.Create(Path.Combine(root, "certs")));
        try
        {
            await server.InitializeAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Connection string for admin work over the unix socket, which is unaffected by <see cref="ConfigureTlsAsync"/>.</summary>
    public string AdminConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = SocketDirectory,
        Port = Port,
        Username = AdminUser,
        Password = AdminPassword,
        Database = database,
        Pooling = false,
    }.ConnectionString;

    /// <summary>Switches certificate or ssl on/off with a reload (no restart) and waits until new connections see it.</summary>
    public async Task ConfigureTlsAsync(ServerTls tls, CancellationToken cancellationToken = default)
    {
        if (tls == Tls)
            return;
        WriteTlsConfig(tls);
        await RunAsync(cancellationToken, Path.Combine(_binDirectory, "pg_ctl"), "-D", DataDirectory, "reload").ConfigureAwait(false);
        var expected = tls == ServerTls.Off ? "off" : "on";
        var expectedCertificate = Certificates.ChainPath(tls);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var settings = await QueryAsync("postgres",
                "SELECT current_setting('ssl') || '|' || current_setting('ssl_cert_file')", cancellationToken).ConfigureAwait(false);
            if (settings == $"{expected}|{expectedCertificate}")
            {
                Tls = tls;
                return;
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        throw new InvalidOperationException($"Postgres did not pick up TLS mode {tls} after reload; see {LogPath}.");
    }

    /// <summary>Creates an empty database with a unique name (prefix + counter) and returns the name.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test", CancellationToken cancellationToken = default)
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _databaseCounter)}".ToLowerInvariant();
        await ExecuteAsync("postgres", $"CREATE DATABASE \"{name}\"", cancellationToken).ConfigureAwait(false);
        return name;
    }

    /// <summary>
    /// Creates an empty database with a unique name (prefix + counter) owned by a login role of the same name with a
    /// random password, as an application's database on RDS is: what a scenario's apps and its secret use.
    /// </summary>
    public async Task<ScenarioDatabase> CreateOwnedDatabaseAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _databaseCounter)}".ToLowerInvariant();
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(18));
        await ExecuteAsync("postgres", $"CREATE ROLE \"{name}\" LOGIN PASSWORD '{password}'", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync("postgres", $"CREATE DATABASE \"{name}\" OWNER \"{name}\"", cancellationToken).ConfigureAwait(false);
        return new ScenarioDatabase(Host, Port, name, name, password, CaBundlePath);
    }

    /// <summary>Runs SQL (several statements allowed) as the admin in <paramref name="database"/>.</summary>
    public async Task ExecuteAsync(string database, string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString(database));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<string?> QueryAsync(string database, string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString(database));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false));
    }

    public void Dispose()
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            try
            {
                RunAsync(CancellationToken.None, Path.Combine(_binDirectory, "pg_ctl"), "-D", DataDirectory, "-m", "immediate", "-w", "stop")
                    .GetAwaiter().GetResult();
            }
            catch (InvalidOperationException)
            {
                // Already stopped; the directory is deleted below either way.
            }
        }

        if (Directory.Exists(RootDirectory))
            Directory.Delete(RootDirectory, recursive: true);
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(SocketDirectory);
        var passwordFile = Path.Combine(RootDirectory, "pwfile");
        await File.WriteAllTextAsync(passwordFile, AdminPassword, cancellationToken).ConfigureAwait(false);
        if (IsRoot)
            await RunAsync(cancellationToken, "chown", "-R", $"{ServiceUser}:{ServiceUser}", RootDirectory).ConfigureAwait(false);

        await RunAsync(cancellationToken, Path.Combine(_binDirectory, "initdb"), "-D", DataDirectory, "-U", AdminUser, "--pwfile=" + passwordFile,
            "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C", "--no-sync").ConfigureAwait(false);
        File.Delete(passwordFile);

        await File.WriteAllTextAsync(Path.Combine(DataDirectory, "pg_hba.conf"),
            "local all all scram-sha-256\nhost all all 127.0.0.1/32 scram-sha-256\n", cancellationToken).ConfigureAwait(false);
        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"), $"""

            # Kaviar's local server: loopback only, throw-away durability.
            listen_addresses = '{Host}'
            port = {Port}
            unix_socket_directories = '{SocketDirectory}'
            fsync = off
            synchronous_commit = off
            full_page_writes = off
            max_connections = 40
            include = 'kaviar_tls.conf'

            """, cancellationToken).ConfigureAwait(false);
        WriteTlsConfig(ServerTls.Valid);
        if (IsRoot)
            await RunAsync(cancellationToken, "chown", "-R", $"{ServiceUser}:{ServiceUser}", RootDirectory).ConfigureAwait(false);

        await RunAsync(cancellationToken, Path.Combine(_binDirectory, "pg_ctl"), "-D", DataDirectory, "-l", LogPath, "-w", "-t", "60", "start")
            .ConfigureAwait(false);
    }

    private void WriteTlsConfig(ServerTls tls)
    {
        File.WriteAllText(TlsConfigPath, $"""
            ssl = {(tls == ServerTls.Off ? "off" : "on")}
            ssl_cert_file = '{Certificates.ChainPath(tls)}'
            ssl_key_file = '{Certificates.KeyPath(tls)}'

            """);
        if (IsRoot)
            RunAsync(CancellationToken.None, "chown", $"{ServiceUser}:{ServiceUser}", TlsConfigPath).GetAwaiter().GetResult();
    }

    /// <summary>Runs a command (as 'postgres' when we are root, since initdb and pg_ctl refuse root) and throws with its output on failure.</summary>
    private static async Task RunAsync(CancellationToken cancellationToken, string fileName, params string[] arguments)
    {
        var asServiceUser = IsRoot && fileName != "chown";
        var startInfo = new ProcessStartInfo(asServiceUser ? "runuser" : fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asServiceUser)
        {
            foreach (var argument in new[] { "-u", ServiceUser, "--", fileName })
                startInfo.ArgumentList.Add(argument);
        }

        foreach (var argument in arguments)
            startInfo.ArgumentList.Add(argument);

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{fileName} {string.Join(" ", arguments)} exited with {process.ExitCode}: {await error}{await output}");
    }

    private static string FindBinDirectory()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pg_config", "--bindir") { RedirectStandardOutput = true, UseShellExecute = false });
            var output = process!.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            if (process.ExitCode == 0 && File.Exists(Path.Combine(output, "initdb")))
                return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // pg_config not installed: fall through to the Debian layout.
        }

        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(version => Path.Combine(version, "bin")).Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => bin, StringComparer.Ordinal).FirstOrDefault()
            : null;
        return debian ?? throw new PostgresBinariesNotFoundException();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>No PostgreSQL server binaries on this machine (neither pg_config --bindir nor /usr/lib/postgresql/*/bin).</summary>
public sealed class PostgresBinariesNotFoundException : InvalidOperationException
{
    public PostgresBinariesNotFoundException()
        : base("PostgreSQL server binaries not found: install PostgreSQL 15 or later (apt-get install postgresql-15) so that pg_config is on PATH.")
    {
    }
}
