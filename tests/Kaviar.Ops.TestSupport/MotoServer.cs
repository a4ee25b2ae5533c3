using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;

namespace Kaviar.Ops.TestSupport;

/// <summary>
/// moto (a third-party AWS emulator) as an independent peer for contract tests: its own server on 127.0.0.1 and a
/// free port, one per test collection, stopped on dispose. The program is KAVIAR_MOTO_SERVER or moto_server on PATH;
/// without it the tests fail (they are not skipped), saying how to install it.
/// </summary>
public sealed class MotoServer : IDisposable
{
    private readonly Process process;

    private MotoServer(Process process, Uri endpoint)
    {
        this.process = process;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public static MotoServer Start()
    {
        var program = Environment.GetEnvironmentVariable("KAVIAR_MOTO_SERVER") is { Length: > 0 } configured ? configured : "moto_server";
        var port = FreePort();
        var startInfo = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-H", "127.0.0.1", "-p", port.ToString() })
        {
            startInfo.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(startInfo) ?? throw new InvalidOperationException($"{program} did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"'{program}' was not found: the moto contract tests need moto 5 (pip install 'moto[server]'), or KAVIAR_MOTO_SERVER naming its moto_server.", e);
        }

        // Drain its output so a chatty server never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new MotoServer(process, new Uri($"http://127.0.0.1:{port}/"));
        server.WaitUntilAnswering();
        return server;
    }

    private void WaitUntilAnswering()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"moto_server exited with {process.ExitCode} before answering.");
            }

            try
            {
                using var response = http.GetAsync(new Uri(Endpoint, "moto-api/")).GetAwaiter().GetResult();
                return;
            }
            catch (HttpRequestException)
            {
            }
            catch (System.Threading.Tasks.TaskCanceledException)
            {
            }

            Thread.Sleep(200);
        }

        Dispose();
        throw new InvalidOperationException($"moto_server did not answer on {Endpoint} within 60 s.");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
    }
}
