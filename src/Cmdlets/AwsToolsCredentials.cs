using System.Management.Automation;
using Amazon.Runtime;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// Reads credentials as AWS.Tools hands them over: an SDK credentials object, or AWS.Tools' own holder with it in a
/// Credentials property. Read through PowerShell's adapter (GetCredentials(): AccessKey, SecretKey, Token), not by
/// type, so credentials made by another copy or version of AWSSDK.Core (AWS.Tools loaded its own) work too.
/// </summary>
internal static class AwsToolsCredentials
{
    public static AWSCredentials? From(PSObject value)
    {
        if (value.BaseObject is AWSCredentials ours)
        {
            return ours;
        }

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

        return string.IsNullOrEmpty(token) ? new BasicAWSCredentials(accessKey, secretKey) : new SessionAWSCredentials(accessKey, secretKey, token);
    }
}
