using System.Management.Automation;
using Kaviar.Ops.Aws;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// Reads credentials as AWS.Tools hands them over — an SDK credentials object, or AWS.Tools' holder with it in a
/// Credentials property — through PowerShell's adapter (GetCredentials(): AccessKey, SecretKey, Token), never by type:
/// AWS.Tools' AWSSDK.Core is another assembly than the module's own.
/// </summary>
internal static class AwsToolsCredentials
{
    public static AwsKeys? From(PSObject value)
    {
        if (value.Properties["Credentials"]?.Value is { } inner && !ReferenceEquals(inner, value.BaseObject))
        {
            return From(PSObject.AsPSObject(inner));
        }

        if (value.Methods["GetCredentials"]?.Invoke() is not { } immutable)
        {
            return null;
        }

        var keys = PSObject.AsPSObject(immutable);
        var accessKey = keys.Properties["AccessKey"]?.Value as string;
        var secretKey = keys.Properties["SecretKey"]?.Value as string;
        var token = keys.Properties["Token"]?.Value as string;
        if (string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secretKey))
        {
            return null;
        }

        return new AwsKeys(accessKey!, new SecretValue(secretKey!), string.IsNullOrEmpty(token) ? null : new SecretValue(token!));
    }
}
