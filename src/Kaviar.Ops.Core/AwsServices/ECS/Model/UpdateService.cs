#nullable disable

using System.Collections.Generic;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.ECS.Model;

public class UpdateServiceRequest : AmazonECSRequest
{
    public string Cluster { get; set; }

    public string Service { get; set; }

    public int? DesiredCount { get; set; }

    public string TaskDefinition { get; set; }

    public List<CapacityProviderStrategyItem> CapacityProviderStrategy { get; set; }

    public DeploymentConfiguration DeploymentConfiguration { get; set; }

    public NetworkConfiguration NetworkConfiguration { get; set; }

    public string PlatformVersion { get; set; }

    public bool? ForceNewDeployment { get; set; }

    public int? HealthCheckGracePeriodSeconds { get; set; }

    public bool? EnableExecuteCommand { get; set; }
}

public class UpdateServiceResponse : AmazonWebServiceResponse
{
    public Service Service { get; set; }
}
