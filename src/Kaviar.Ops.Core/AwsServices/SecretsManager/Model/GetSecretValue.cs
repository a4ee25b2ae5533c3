#nullable disable

using System;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.SecretsManager.Model;

public class GetSecretValueRequest : AmazonSecretsManagerRequest
{
    /// <summary>The secret's ARN or name.</summary>
    public string SecretId { get; set; }

    public string VersionId { get; set; }

    /// <summary>AWSCURRENT when neither this nor VersionId is set.</summary>
    public string VersionStage { get; set; }
}

/// <summary>A secret's value. SecretString is a credential: never log it or put it in a message.</summary>
public class GetSecretValueResponse : AmazonWebServiceResponse
{
    public string ARN { get; set; }

    public string Name { get; set; }

    public string VersionId { get; set; }

    public string SecretString { get; set; }

    public DateTime? CreatedDate { get; set; }
}
