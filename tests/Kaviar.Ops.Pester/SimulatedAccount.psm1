# Starts and stops the simulated AWS account for the suites: the rehearsal host in its own process, serving a scenario
# on 127.0.0.1, as a user's rehearsal would. Windows PowerShell 5.1 syntax throughout.

function Start-SimulatedAccount {
    # Returns the account's endpoint and, as the host prints them, the first load balancer's local address ($albDns
    # in the procedures) and the CA bundle of the scenario's database.
    param(
        [Parameter(Mandatory)] [string] $Rehearsal,
        [Parameter(Mandatory)] [string] $Scenario,
        # Times real time on the account's clock.
        [double] $Speed = 1
    )

    $log = [System.IO.Path]::GetTempFileName()
    $arguments = @($Rehearsal, '--serve', $Scenario, '--speed', $Speed.ToString([System.Globalization.CultureInfo]::InvariantCulture))
    $process = Start-Process -FilePath 'dotnet' -ArgumentList $arguments -RedirectStandardOutput $log -PassThru -NoNewWindow
    $deadline = (Get-Date).AddSeconds(90)
    while ((Get-Date) -lt $deadline) {
        $text = Get-Content -Path $log -Raw -ErrorAction SilentlyContinue
        if ($text -match 'Ctrl\+C stops' -and $text -match ' at (http://127\.0\.0\.1:\d+/)') {
            $endpoint = $Matches[1]
            $albDns = if ($text -match "albDns = '([^']+)'") { $Matches[1] } else { $null }
            $caBundle = if ($text -match 'verifies it: (\S+)') { $Matches[1] } else { $null }
            return [pscustomobject]@{ Process = $process; Endpoint = $endpoint; AlbDns = $albDns; CaBundlePath = $caBundle; Log = $log }
        }

        if ($process.HasExited) { throw "The rehearsal host exited: $(Get-Content -Raw $log)" }
        Start-Sleep -Milliseconds 200
    }

    throw "The simulated account did not start within 90 s: $(Get-Content -Raw $log)"
}

function Stop-SimulatedAccount {
    param([Parameter(Mandatory)] $Account)

    # SIGTERM first where there is one, so the host stops a scenario's PostgreSQL; killed if it has not ended in 15 s.
    if (-not $Account.Process.HasExited -and (Get-Command kill -CommandType Application -ErrorAction SilentlyContinue)) {
        & (Get-Command kill -CommandType Application | Select-Object -First 1).Source -TERM $Account.Process.Id
        $null = $Account.Process.WaitForExit(15000)
    }
    if (-not $Account.Process.HasExited) { $Account.Process.Kill() }
    $Account.Process.WaitForExit()
    Remove-Item -Path $Account.Log -ErrorAction SilentlyContinue
}

function Invoke-ChildPwsh {
    # A new pwsh (or powershell.exe) process, as a scheduler starts one; returns its output lines and exit code.
    param([Parameter(Mandatory)] [string[]] $Arguments)

    $host_ = (Get-Process -Id $PID).Path
    $leading = @()
    if ([System.IO.Path]::GetFileNameWithoutExtension($host_) -eq 'dotnet') { $leading = @(Join-Path $PSHOME 'pwsh.dll') }
    $output = & $host_ @leading @Arguments 2>&1 | ForEach-Object { "$_" }
    [pscustomobject]@{ Output = $output; ExitCode = $LASTEXITCODE }
}

Export-ModuleMember -Function Start-SimulatedAccount, Stop-SimulatedAccount, Invoke-ChildPwsh
