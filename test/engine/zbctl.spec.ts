import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { EMPTY_STATE, fixturePath, leftoverState, useEngine } from './support/engine-harness.js';

const run = promisify(execFile);
const ZBCTL = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'node_modules', 'zbctl', 'bin', 'zbctl-cli.linux');

describe('zbctl (the Go CLI) against the engine', () => {
  const h = useEngine('zbctl');
  const zbctl = async (...args: string[]) => {
    const { stdout } = await run(ZBCTL, [...args, '--insecure', '--address', `127.0.0.1:${h.port}`], { timeout: 15_000, env: { ...process.env, ZEEBE_ADDRESS: '' } });
    return stdout;
  };

  it('status, deploy, create instance, activate and complete a job', async () => {
    // status
    const status = await zbctl('status');
    expect(status).to.contain('Partition 1 : Leader, Healthy');
    // deploy
    const deployed = JSON.parse(await zbctl('deploy', fixturePath('one-task.bpmn')));
    expect(deployed.processes[0].bpmnProcessId).to.equal('one-task');
    // create instance
    const created = JSON.parse(await zbctl('create', 'instance', 'one-task', '--variables', '{"from":"zbctl"}'));
    expect(created.processInstanceKey).to.match(/^\d+$/);
    // activate
    const activated = JSON.parse(await zbctl('activate', 'jobs', 'do-work', '--maxJobsToActivate', '1', '--requestTimeout', '2s'));
    expect(activated.jobs).to.have.length(1);
    expect(JSON.parse(activated.jobs[0].variables)).to.deep.equal({ from: 'zbctl' });
    // complete
    const completed = await zbctl('complete', 'job', String(activated.jobs[0].key), '--variables', '{"done":true}');
    expect(completed).to.contain('Completed job');
    expect(await leftoverState(h, String(created.processInstanceKey))).to.deep.equal(EMPTY_STATE);
  });
});
