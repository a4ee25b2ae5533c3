using System.Linq;
using Kaviar.Ops.Evidence;
using Kaviar.Ops.Kernel;
using Xunit;

namespace Kaviar.Ops.Core.Tests.Evidence;

public sealed class LogLinesTests
{
    private static string[] Read(params string[] events)
    {
        var lines = LogLines.Read(events);
        return Enumerable.Range(0, lines.Count).Select(i => lines[i]).ToArray();
    }

    [Theory]
    [InlineData("postgres://app:hunter2@db:5432/shop", "postgres://app:***@db:5432/shop")]
    [InlineData("postgresql://app:p%40ss@db/shop?sslmode=verify-full", "postgresql://app:***@db/shop?sslmode=verify-full")]
    [InlineData("redis://:s3cret@redis.internal:6379/0", "redis://:***@redis.internal:6379/0")]
    [InlineData("Host=db;Username=app;Password=hunter2;Database=shop", "Host=db;Username=app;Password=***;Database=shop")]
    [InlineData("PGPASSWORD=hunter2 psql -h db", "PGPASSWORD=*** psql -h db")]
    [InlineData("Password='hunter 2';Host=db", "Password='***';Host=db")]
    [InlineData("config {\"user\":\"app\",\"password\":\"hunter2\"} loaded", "config {\"user\":\"app\",\"password\":\"***\"} loaded")]
    [InlineData("https://db.internal:5432/health", "https://db.internal:5432/health")]
    public void Passwords_are_masked_and_the_rest_kept(string text, string masked)
    {
        Assert.Equal(masked, SecretRedaction.MaskText(text));
    }

    [Fact]
    public void A_json_event_s_secret_fields_are_never_read()
    {
        Assert.Equal(new[] { "error", "login failed" }, Read("{\"level\":\"error\",\"password\":\"hunter2\",\"apiKey\":\"k-123\",\"msg\":\"login failed\"}"));
    }

    [Fact]
    public void Text_in_one_event_is_split_into_its_lines_and_trimmed()
    {
        Assert.Equal(new[] { "Error: boom", "at main (/app/x.js:1:1)" }, Read("Error: boom\n    at main (/app/x.js:1:1)\n\n"));
    }

    [Fact]
    public void Escapes_applied_twice_are_undone_twice()
    {
        Assert.Equal(new[] { "err={\"detail\":\"{\"code\":\"X\"}\"}" }, Read("err={\\\"detail\\\":\\\"{\\\\\\\"code\\\\\\\":\\\\\\\"X\\\\\\\"}\\\"}"));
    }

    [Fact]
    public void Text_that_only_looks_like_json_is_read_as_text()
    {
        Assert.Equal(new[] { "{not json: connect ECONNREFUSED 10.0.5.20:5432}" }, Read("{not json: connect ECONNREFUSED 10.0.5.20:5432}"));
    }
}
