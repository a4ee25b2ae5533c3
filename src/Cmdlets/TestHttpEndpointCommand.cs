using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Kaviar.Ops.Http;

using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// The HTTP smoke gate: GET a URL, optionally with a Host header, and require a status and JSON field values; with
/// -Timeout, retry until it passes or fail (terminating).
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "HttpEndpoint")]
[OutputType(typeof(HttpSmokeResult))]
public sealed class TestHttpEndpointCommand : KaviarCmdlet
{
    /// <summary>The URL to GET, for example http://&lt;alb-dns-name&gt;/api/health.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Url")]
    public Uri Uri { get; set; } = new Uri("http://localhost/");

    /// <summary>The Host header to send, to reach a host-header rule through the load balancer's DNS name.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? HostHeader { get; set; }

    /// <summary>Status codes that pass. The default is 200.</summary>
    [Parameter]
    [ValidateRange(100, 599)]
    public int[] ExpectedStatus { get; set; } = { 200 };

    /// <summary>JSON fields (dotted paths) and the value, or values, each may have: @{ success = $true } or @{ status = 'ok','degraded' }.</summary>
    [Parameter]
    public Hashtable? ExpectJson { get; set; }

    /// <summary>Retry for up to this many seconds until the check passes; 0 (the default) checks once.</summary>
    [Parameter]
    [ValidateRange(0, 3600)]
    public int Timeout { get; set; }

    /// <summary>Seconds to wait for one answer. The default is 10.</summary>
    [Parameter]
    [ValidateRange(1, 300)]
    public int RequestTimeout { get; set; } = 10;

    /// <summary>Accept any server certificate (a rehearsal's self-signed one, say), as Invoke-WebRequest -SkipCertificateCheck does.</summary>
    [Parameter]
    public SwitchParameter SkipCertificateCheck { get; set; }

    protected override void Process()
    {
        if (!Uri.IsAbsoluteUri || (Uri.Scheme != System.Uri.UriSchemeHttp && Uri.Scheme != System.Uri.UriSchemeHttps))
        {
            Fail(new OpsException(ErrorTable.InvalidUrl, $"-Uri '{InputText.Printable(Uri.OriginalString)}' is not an absolute http or https URL.", Uri.OriginalString,
                "Give the whole URL, for example http://<the load balancer's DNS name>/api/health."));
        }

        var request = new HttpSmokeRequest
        {
            Uri = Uri,
            HostHeader = HostHeader,
            ExpectedStatus = ExpectedStatus,
            ExpectedJson = ToExpectations(ExpectJson),
            RequestTimeout = TimeSpan.FromSeconds(RequestTimeout),
        };
        using var tester = new HttpSmokeTester(clock: Clock, skipCertificateCheck: SkipCertificateCheck);
        if (Timeout == 0)
        {
            var result = Await(tester.CheckAsync(request, CancellationToken));
            WriteObject(result);
            if (!result.Passed)
            {
                WriteFailure(new OpsException(ErrorTable.HttpSmokeTestFailed, string.Join(" ", result.Reasons), result));
            }

            return;
        }

        try
        {
            WriteObject(AwaitReporting(reporter => tester.WaitAsync(request, TimeSpan.FromSeconds(Timeout), reporter, CancellationToken)));
        }
        catch (HttpSmokeTimeoutException ex)
        {
            WriteObject(ex.LastResult);
            Fail(ex);
        }
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<string>> ToExpectations(Hashtable? expectations) =>
        (expectations ?? new Hashtable()).Cast<DictionaryEntry>().ToDictionary(
            e => e.Key.ToString()!,
            e => (IReadOnlyList<string>)(LanguagePrimitives.GetEnumerable(e.Value) is { } many
                ? many.Cast<object>().Select(JsonText).ToList()
                : new List<string> { JsonText(e.Value) }));

    /// <summary>$true compares with JSON true, 'ok' with "ok".</summary>
    private static string JsonText(object? value) => value is bool flag ? (flag ? "true" : "false") : value?.ToString() ?? "null";
}
