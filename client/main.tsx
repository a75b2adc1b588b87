import { createRoot } from 'react-dom/client'
import { App } from './app/app'
import './ui/app.css'
import { startServiceWorker } from './offline/update-banner'

createRoot(document.getElementById('root')!).render(<App />)
startServiceWorker()
