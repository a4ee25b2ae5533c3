using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.LoadBalancing;
using Kaviar.Ops.Operations;

namespace Kaviar.Ops.Http;

/// <summary>
/// The gate after a deploy: GET a URL (the ALB's DNS name, a Host header to pick a rule), require a status and JSON
/// fields (seed 001 success: true, seed 002 status ok or degraded, seed 004's /healthz flags), optionally retrying
/// until it passes or a deadline.
/// </summary>
public sealed class HttpSmokeTester : IDisposable
{
    private const int ExcerptLength = 500;
    private const string Activity = "Waiting for the endpoint";

    private readonly HttpClient http;
    private readonly IOpsClock clock;
    private readonly bool skipCertificateCheck;

    // What the last handshake's certificate check refused, in words; checks run one at a time.
    private string? certificateProblem;

    /// <param name="skipCertificateCheck">Accept any server certificate (a rehearsal's self-signed one); never the default.</param>
    public HttpSmokeTester(HttpMessageHandler? handler = null, IOpsClock? clock = null, bool skipCertificateCheck = false)
    {
        this.skipCertificateCheck = skipCertificateCheck;
        // Timeouts are per request, through the token; the client's own would apply to all.
        http = new HttpClient(handler ?? new HttpClientHandler { AllowAutoRedirect = false, ServerCertificateCustomValidationCallback = CheckCertificate })
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        this.clock = clock ?? OpsClock.System;
    }

    public async Task<HttpSmokeResult> CheckAsync(HttpSmokeRequest request, CancellationToken cancellationToken)
    {
        var result = new HttpSmokeResult { Uri = request.Uri, HostHeader = request.HostHeader, CheckedAt = clock.UtcNow };
        var reasons = new List<string>();
        certificateProblem = null;
        var watch = Stopwatch.StartNew();
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(request.RequestTimeout);
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, request.Uri);
            if (request.HostHeader != null)
            {
                message.Headers.Host = request.HostHeader;
            }

            using var response = await http.SendAsync(message, attempt.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            result.LatencyMilliseconds = watch.ElapsedMilliseconds;
            result.StatusCode = (int)response.StatusCode;
            result.BodyExcerpt = body.Length > ExcerptLength ? body.Substring(0, ExcerptLength) : body;
            result.AnsweredByLoadBalancer = AlbOwnAnswer.IsFromLoadBalancer(response.Headers.Server?.ToString());
            if (!request.ExpectedStatus.Contains(result.StatusCode.Value))
            {
                var answered = $"Answered {result.StatusCode} ({response.ReasonPhrase}), expected {string.Join(" or ", request.ExpectedStatus)}.";
                if (result.AnsweredByLoadBalancer)
                {
                    answered += " " + AlbOwnAnswer.Explain(result.StatusCode.Value, body, response.Headers.Location?.OriginalString);
                    result.Next = NextCommand(request, result.StatusCode.Value, body);
                }

                reasons.Add(answered);
            }

            result.JsonChecks = CheckJson(body, request.ExpectedJson, reasons);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            result.LatencyMilliseconds = watch.ElapsedMilliseconds;
            reasons.Add($"No answer within {request.RequestTimeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException ex)
        {
            result.LatencyMilliseconds = watch.ElapsedMilliseconds;
            reasons.Add(certificateProblem ?? $"The request failed: {ex.GetBaseException().Message}");
        }

        result.Reasons = reasons;
        result.Passed = reasons.Count == 0;
        return result;
    }

    /// <summary>Retries until the check passes; returns at once when it does. Throws <see cref="HttpSmokeTimeoutException"/>.</summary>
    public async Task<HttpSmokeResult> WaitAsync(HttpSmokeRequest request, TimeSpan timeout, IOperationReporter reporter, CancellationToken cancellationToken)
    {
        var attempts = 0;
        return await Waiter.UntilAsync(clock, reporter, new WaitSpec<HttpSmokeResult>
        {
            Activity = Activity,
            Timeout = timeout,
            Probe = async token =>
            {
                var result = await CheckAsync(request, token).ConfigureAwait(false);
                result.Attempts = ++attempts;
                return result;
            },
            Done = result => result.Passed,
            Describe = result => $"Attempt {result.Attempts}: {result.Reasons[0]}",
            TimedOut = (result, _) => new HttpSmokeTimeoutException(
                $"{request.Uri}{(request.HostHeader == null ? "" : $" (Host {request.HostHeader})")} did not pass within {timeout} " +
                $"({attempts} attempts): {string.Join(" ", result.Reasons)}", result),
        }, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => http.Dispose();

    private bool CheckCertificate(HttpRequestMessage request, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None || skipCertificateCheck)
        {
            return true;
        }

        certificateProblem = TlsCertificateProblem.Describe(request.RequestUri!, certificate, chain, errors);
        return false;
    }

    /// <summary>
    /// Behind a 502/503/504 of the load balancer's own, its targets; behind a fixed response or redirect, the rule the request
    /// met. Named only when the URL is the load balancer's DNS name, which says its name and region.
    /// </summary>
    private static string? NextCommand(HttpSmokeRequest request, int statusCode, string body)
    {
        if (AlbDnsName.Parse(request.Uri.Host) is not { } alb)
        {
            return null;
        }

        return (AlbOwnAnswer.IsAboutTargets(statusCode, body)
            ? Suggest.TestAlbTargetHealthOfLoadBalancer(alb.Region, alb.LoadBalancerName)
            : Suggest.ResolveAlbRoute(alb.Region, alb.LoadBalancerName, request.Uri.Port, request.HostHeader ?? request.Uri.Host, request.Uri.PathAndQuery)).ToString();
    }

    private static IReadOnlyList<JsonFieldCheck> CheckJson(string body, IReadOnlyDictionary<string, IReadOnlyList<string>> expected, List<string> reasons)
    {
        if (expected.Count == 0)
        {
            return Array.Empty<JsonFieldCheck>();
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            reasons.Add("The body is not JSON.");
            return expected.Select(e => new JsonFieldCheck { Path = e.Key, Expected = e.Value }).ToList();
        }

        using (document)
        {
            var checks = new List<JsonFieldCheck>();
            foreach (var field in expected)
            {
                var actual = Find(document.RootElement, field.Key);
                var check = new JsonFieldCheck
                {
                    Path = field.Key,
                    Expected = field.Value,
                    Actual = actual?.ValueKind == JsonValueKind.String ? actual.Value.GetString() : actual?.GetRawText(),
                };
                check.Passed = check.Actual != null && field.Value.Any(v => string.Equals(v, check.Actual, StringComparison.OrdinalIgnoreCase));
                if (!check.Passed)
                {
                    reasons.Add(check.Actual == null
                        ? $"JSON field '{field.Key}' is missing."
                        : $"JSON field '{field.Key}' is {check.Actual}, expected {string.Join(" or ", field.Value)}.");
                }

                checks.Add(check);
            }

            return checks;
        }
    }

    private static JsonElement? Find(JsonElement root, string dottedPath)
    {
        var current = root;
        foreach (var segment in dottedPath.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
            {
                return null;
            }
        }

        return current;
    }
}
