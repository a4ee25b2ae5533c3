using System;
using System.Text.Json;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Database;

/// <summary>
/// Reads the SecretString of an RDS secret: <c>{"username","password","host","port","dbname","engine"}</c>.
/// Secrets that RDS manages itself (ManageMasterUserPassword) carry only username and password, hence the overrides.
/// </summary>
internal static class RdsSecretParser
{
    public static PostgresTarget Parse(string secretJson, string? database, TlsMode tlsMode, string? caBundlePath, string? host)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(secretJson ?? string.Empty);
        }
        catch (JsonException)
        {
            // JsonException messages quote the offending text, which could be the password.
            throw InvalidSecret("The secret is not JSON in the RDS format {\"username\",\"password\",\"host\",\"port\",\"dbname\",\"engine\"}.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw InvalidSecret("The secret is not a JSON object in the RDS format.");

            var engine = Text(root, "engine");
            if (engine is not null && engine.IndexOf("postgres", StringComparison.OrdinalIgnoreCase) < 0)
                throw InvalidSecret($"The secret is for engine '{engine}', not PostgreSQL.");

            var username = Text(root, "username") ?? throw InvalidSecret("The secret has no 'username'.");
            var password = PostgresTarget.ToSecureString(Text(root, "password"));
            var resolvedHost = host ?? Text(root, "host")
                ?? throw InvalidSecret("The secret has no 'host'; pass the RDS endpoint name with -Server.");
            var port = Port(root);
            var resolvedDatabase = database ?? Text(root, "dbname") ?? "postgres";
            return new PostgresTarget(resolvedHost, port, resolvedDatabase, username, password, tlsMode, caBundlePath);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // RDS writes the port as a number; hand-made secrets often quote it.
    private static int Port(JsonElement root)
    {
        if (!root.TryGetProperty("port", out var value))
            return PostgresTarget.DefaultPort;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
            return number;
        if (value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), out number))
            return number;
        throw InvalidSecret("The secret's 'port' is not a number.");
    }

    private static OpsException InvalidSecret(string why) =>
        new OpsException(ErrorTable.InvalidSecretFormat, why, null,
            "Point -SecretId at the secret RDS manages for the database (it holds username, password, host, port, dbname and engine).");
}
