using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;

namespace Kaviar.Ops.Simulator.Tests;

/// <summary>Hand-made AWS requests, for what SDKs and the CLI never send: no signature, garbled headers, unknown actions.</summary>
internal static class RawAws
{
    private static readonly HttpClient Http = new();

    public static string Authorization(string service, string region = "us-east-2") =>
        $"AWS4-HMAC-SHA256 Credential=AKIASIMULATEDKEY0001/20261123/{region}/{service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123456789abcdef";

    public static HttpResponseMessage PostJson(Uri endpoint, string target, string body, string? authorization) =>
        PostJsonAsync(endpoint, target, body, authorization).GetAwaiter().GetResult();

    public static async Task<HttpResponseMessage> PostJsonAsync(Uri endpoint, string target, string body, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.1"),
        };
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        return await SendAsync(request, authorization).ConfigureAwait(false);
    }

    public static HttpResponseMessage PostQuery(Uri endpoint, IReadOnlyDictionary<string, string> form, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new FormUrlEncodedContent(form.ToList()),
        };
        return SendAsync(request, authorization).GetAwaiter().GetResult();
    }

    public static string Body(this HttpResponseMessage response) => response.Content.ReadAsStringAsync().GetAwaiter().GetResult();

    public static string? RequestId(this HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-amzn-RequestId", out var values) ? values.Single() : null;

    private static Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string? authorization)
    {
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return Http.SendAsync(request);
    }
}
