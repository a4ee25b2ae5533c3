using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;

namespace Kaviar.Ops.Simulator.Tests;

internal sealed record HttpResult(int Status, string? ContentType, string Body, string? Server, Uri? Location);

/// <summary>Plain GETs against a listener URL, with the Host header a browser would send for a DNS name.</summary>
internal static class Http
{
    // Redirects are answers under test, not something to follow.
    private static readonly HttpClient Client = new(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };

    public static async Task<HttpResult> GetAsync(Uri listenerUrl, string pathAndQuery, string? host = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(listenerUrl, pathAndQuery));
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        using var response = await Client.SendAsync(request);
        return new HttpResult(
            (int)response.StatusCode,
            response.Content.Headers.ContentType?.MediaType,
            await response.Content.ReadAsStringAsync(),
            response.Headers.Server.FirstOrDefault()?.Product?.ToString(),
            response.Headers.Location);
    }
}
