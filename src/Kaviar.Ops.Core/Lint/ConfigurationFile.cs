using System;
using System.IO;
using System.Text.Json;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Lint;

/// <summary>
/// A configuration read from a JSON file for an offline check (a task definition, a Lambda function's configuration):
/// its absence and a document that is not what was asked for each have their error id, with the command that writes one.
/// </summary>
internal static class ConfigurationFile
{
    /// <summary>The file's text; <paramref name="writtenBy"/> names the command that writes such a file.</summary>
    public static string ReadText(string path, string what, string writtenBy)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new OpsException(ErrorTable.ConfigurationFileNotFound, $"The file '{path}' does not exist.", path,
                $"Give the path of a {what} JSON file, e.g. one written by '{writtenBy}'.", ex);
        }
    }

    /// <summary>The root object of <paramref name="text"/>, parsed by <paramref name="read"/>; not JSON, or a member of the wrong type, is ConfigurationFileInvalid.</summary>
    public static T Parse<T>(string text, string source, string what, string accepted, Func<JsonElement, T> read)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(source, what, accepted, "its top level is not a JSON object");
            }

            return read(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw Invalid(source, what, accepted, ex.Message, ex);
        }
        catch (InvalidOperationException ex)
        {
            // A member of the wrong JSON type (a string where a number belongs).
            throw Invalid(source, what, accepted, ex.Message, ex);
        }
    }

    public static OpsException Invalid(string source, string what, string accepted, string why, Exception? inner = null) =>
        new OpsException(ErrorTable.ConfigurationFileInvalid, $"'{source}' is not a {what}: {why}.", source, $"Give {accepted}.", inner);
}
