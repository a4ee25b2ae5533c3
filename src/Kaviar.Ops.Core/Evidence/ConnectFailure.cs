using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Kaviar.Ops.Evidence;

internal enum ConnectFailureKind
{
    /// <summary>Something at the address answered that nothing listens on the port (a TCP reset).</summary>
    Refused,

    /// <summary>No answer at all, or no route: packets are dropped on the way (security group, network ACL, route).</summary>
    TimedOut,

    /// <summary>The line says the connection failed but not how.</summary>
    Undetermined,
}

/// <summary>
/// A failed TCP connection as each runtime and driver words it, with the host and port it names: Node's
/// <c>connect ECONNREFUSED 10.0.5.20:5432</c>, Go's <c>dial tcp 10.0.5.20:5432: connect: connection refused</c>, libpq's
/// (psycopg2, Ruby pg) <c>connection to server at "db" (10.0.5.20), port 5432 failed: Connection refused</c> and its older
/// three-line form, JDBC's <c>Connection to 10.0.5.20:5432 refused</c>, Npgsql's <c>Failed to connect to 10.0.5.20:5432</c>
/// with its inner SocketException on the next lines, asyncio's <c>[Errno 111] Connect call failed ('10.0.5.20', 5432)</c>,
/// redis-py's <c>Error 111 connecting to host:6379.</c> and .NET's <c>Connection refused (host:443)</c>.
/// The signatures for the database port and for any other dependency share this one reading.
/// </summary>
internal sealed class ConnectFailure
{
    // A host name or IPv4 address, or an IPv6 address (bracketed or not), before :port.
    private const string HostPort = @"(?<host>[A-Za-z0-9_.\-]+|\[[0-9A-Fa-f:.]+\]|[0-9A-Fa-f:]+):(?<port>\d{1,5})\b";

    // Read into the next lines only this far: a driver's message, not the next event.
    private const int FollowingLines = 3;

    private static readonly Regex Node = LogPattern.Of(@"\bconnect (?<reason>ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH) " + HostPort);

    private static readonly Regex Go = LogPattern.Of(@"\bdial tcp " + HostPort +
        @": (?:connect: )?(?<reason>connection refused|connection timed out|i/o timeout|no route to host|network is unreachable)");

    private static readonly Regex Libpq = LogPattern.Of(@"connection to server at ""(?<host>[^""]+)""(?: \((?<address>[^)]+)\))?, port (?<port>\d{1,5}) failed: " +
        @"(?<reason>Connection refused|Connection timed out|timeout expired|No route to host|Network is unreachable)");

    private static readonly Regex OldLibpq = LogPattern.Of(@"could not connect to server: (?<reason>Connection refused|Connection timed out|No route to host|Network is unreachable)");

    private static readonly Regex OldLibpqLastLine = LogPattern.Of(@"TCP/IP connections on port \d{1,5}");

    private static readonly Regex OldLibpqTarget = LogPattern.Of(@"on host ""(?<host>[^""]+)""(?: \((?<address>[^)]+)\))? and accepting\s+TCP/IP connections on port (?<port>\d{1,5})");

    private static readonly Regex Jdbc = LogPattern.Of(@"Connection to " + HostPort + @" (?<reason>refused)");

    private static readonly Regex Npgsql = LogPattern.Of(@"Failed to connect to " + HostPort);

    private static readonly Regex InnerReason = LogPattern.Of(@"(?<reason>Connection refused|Connection timed out|No route to host|TimeoutException|Timeout during connection attempt)");

    private static readonly Regex Asyncio = LogPattern.Of(@"\[Errno (?<reason>\d+)\] Connect call failed \('(?<host>[^']+)', (?<port>\d{1,5})(?:, \d+)*\)");

    private static readonly Regex RedisPy = LogPattern.Of(@"Error (?<reason>\d+) connecting to " + HostPort);

    private static readonly Regex DotNet = LogPattern.Of(@"(?<reason>Connection refused|Connection timed out|No route to host) \(" + HostPort + @"\)");

    private static readonly Regex[] SingleLine = { Node, Go, Libpq, Jdbc, Asyncio, RedisPy, DotNet };

    private ConnectFailure(string host, string? address, int port, ConnectFailureKind kind, int lineCount)
    {
        Host = host;
        Address = address;
        Port = port;
        Kind = kind;
        LineCount = lineCount;
    }

    /// <summary>The host as the app named it (a name or an address).</summary>
    public string Host { get; }

    /// <summary>The address a name resolved to, when the driver says it (libpq).</summary>
    public string? Address { get; }

    public int Port { get; }

    public ConnectFailureKind Kind { get; }

    /// <summary>How many lines from the first the message spans.</summary>
    public int LineCount { get; }

    /// <summary>localhost: in a Fargate task only the task's own containers are there, so a host setting that fell back to its default.</summary>
    public bool IsLoopback =>
        Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || Host.StartsWith("127.", StringComparison.Ordinal) ||
        Host.Trim('[', ']') == "::1";

    public string Endpoint => Host.Contains(":") && !Host.StartsWith("[", StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>The failed connection the line at <paramref name="index"/> reports, reading on where the driver continues its message.</summary>
    public static ConnectFailure? Read(LogLines lines, int index)
    {
        var line = lines[index];
        if (LogPattern.FirstMatch(line, SingleLine) is Match single)
        {
            return From(single, KindOf(single.Groups["reason"].Value), 1);
        }

        // Older libpq: the reason on this line, the host and port on the next two.
        var old = OldLibpq.Match(line);
        if (old.Success && Following(lines, index, OldLibpqLastLine) is { } last &&
            OldLibpqTarget.Match(lines.Join(index + 1, last.LineCount - 1)) is { Success: true } target)
        {
            return From(target, KindOf(old.Groups["reason"].Value), last.LineCount);
        }

        // Npgsql: the endpoint here, the reason in the inner exception below.
        var npgsql = Npgsql.Match(line);
        if (npgsql.Success)
        {
            return Following(lines, index, InnerReason) is { } inner
                ? From(npgsql, KindOf(inner.Match.Groups["reason"].Value), inner.LineCount)
                : From(npgsql, ConnectFailureKind.Undetermined, 1);
        }

        return null;
    }

    /// <summary>The first of the next few lines that <paramref name="pattern"/> matches, and how many lines the message then spans.</summary>
    private static (Match Match, int LineCount)? Following(LogLines lines, int index, Regex pattern)
    {
        for (var next = index + 1; next < Math.Min(lines.Count, index + 1 + FollowingLines); next++)
        {
            var match = pattern.Match(lines[next]);
            if (match.Success)
            {
                return (match, next - index + 1);
            }
        }

        return null;
    }

    private static ConnectFailure? From(Match match, ConnectFailureKind kind, int lineCount)
    {
        if (!int.TryParse(match.Groups["port"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port < 1 || port > 65535)
        {
            return null;
        }

        var address = match.Groups["address"].Success ? match.Groups["address"].Value : null;
        return new ConnectFailure(match.Groups["host"].Value, address, port, kind, lineCount);
    }

    /// <summary>The words or errno of each runtime: 111 ECONNREFUSED, 110 ETIMEDOUT, 113 EHOSTUNREACH, 101 ENETUNREACH.</summary>
    private static ConnectFailureKind KindOf(string reason)
    {
        var lower = reason.ToLowerInvariant();
        if (lower.Contains("refused") || lower == "111")
        {
            return ConnectFailureKind.Refused;
        }

        return lower.Contains("time") || lower.Contains("unreach") || lower.Contains("no route") || lower is "110" or "113" or "101"
            ? ConnectFailureKind.TimedOut
            : ConnectFailureKind.Undetermined;
    }
}
