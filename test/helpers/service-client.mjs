// One check by one of the run's services (EPUBCheck: epubcheck/EpubcheckService.java; Ace:
// ace/ace-service.cjs), for a test that waits on it synchronously: `node service-client.mjs
// SOCKET BOOK REPORT` sends the two paths and prints the service's answer, the checker's
// exit code, or `unavailable` and why when the service did not start or ended. It waits
// for the service to listen (it starts with the run, in the background) for up to 5 minutes.
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';

const [socket, book, report] = process.argv.slice(2);
const deadline = Date.now() + 300_000;

function unavailable(why) {
  process.stdout.write(`unavailable ${why}`);
}

function ask() {
  if (existsSync(`${socket}.ended`)) return unavailable(readFileSync(`${socket}.ended`, 'utf8'));
  if (!existsSync(socket)) {
    if (Date.now() > deadline) return unavailable('the service did not listen within 5 minutes');
    setTimeout(ask, 100);
    return;
  }
  let answer = '';
  const connection = net.connect(socket, () => connection.write(`${book}\n${report}\n`));
  connection.setEncoding('utf8');
  connection.on('data', (chunk) => {
    answer += chunk;
  });
  connection.on('error', (error) => unavailable(error.message));
  connection.on('end', () => {
    if (/^-?\d+\n$/.test(answer)) process.stdout.write(answer.trim());
    else unavailable(`the service answered ${JSON.stringify(answer)}`);
  });
}

ask();
