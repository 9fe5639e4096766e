// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Button, Popup } from '@nutui/nutui-react-taro'
import { Image, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { applicationApi } from '../../services/application'
import type { Reply } from '../../services/api'
import { IS_H5, IS_WEAPP } from '../../services/cloud'
import type { AccountView as Account } from '../../../shared/account'
import { formatShanghai } from '../../../shared/time'
import { useRemote } from '../../utils/useRemote'
import { toast } from '../../utils/toast'
import { plateImageH5, savePlateToAlbum } from './parts/plateImage'
import './parts/parts.scss'
import './plate.scss'

type Plate = Reply<'application', 'plate'>

function day(ms: number): string {
  return ms ? formatShanghai(ms, 'YYYY年M月D日') : '—'
}

function PlateCard({ plate, street }: { plate: Plate; street: string }) {
  return (
    <View className={`plate-print plate${plate.valid ? '' : ' plate--revoked'}`} data-testid="plate">
      <View className="plate__band">
        <View className="plate__band-title">复工复产公示牌</View>
        <View className="plate__band-sub">{street} · 疫情防控三方审核</View>
      </View>
      <View className="plate__body">
        <View className="plate__name" data-testid="plate-name">
          {plate.enterpriseName}
        </View>
        <View className="plate__row">
          <Text className="plate__label">统一社会信用代码</Text>
          <Text className="plate__value plate__mono" data-testid="plate-code">
            {plate.creditCode}
          </Text>
        </View>
        <View className="plate__row">
          <Text className="plate__label">经营地址</Text>
          <Text className="plate__value">{plate.address}</Text>
        </View>
        <View className="plate__row">
          <Text className="plate__label">准予复工日期</Text>
          <Text className="plate__value plate__strong">{day(plate.reopenedAt)}</Text>
        </View>
        <View className="plate__approvals">
          {plate.approvals.map((a) => (
            <View className="plate__approval" key={a.department}>
              <View className="plate__seal">
                <Text className="plate__seal-text">审核</Text>
                <Text className="plate__seal-text">通过</Text>
              </View>
              <View className="plate__approval-dept">{a.label}</View>
              <View className="plate__approval-date">{day(a.at)}</View>
            </View>
          ))}
        </View>
        <View className="plate__qr-wrap">
          <Image className="plate__qr" src={plate.qr} mode="aspectFit" showMenuByLongpress />
          <View className="plate__qr-text">
            <View className="plate__qr-title">扫码核验</View>
            <View className="plate__qr-hint">
              扫描二维码，查看本公示牌是否有效。如发现与实际不符，请向街道或社区反映。
            </View>
          </View>
        </View>
        <Text className="plate__url" selectable userSelect data-testid="verify-url">
          {plate.verifyUrl}
        </Text>
      </View>
      {!plate.valid && (
        <View className="plate__stamp" data-testid="plate-revoked">
          已撤销
        </View>
      )}
    </View>
  )
}

/**
 * H5: the plate as a picture — shown to long-press (a phone's browser, WeChat's included, saves it that way)
 * and as a PNG download.
 */
function PlateImageSheet({ url, name, onClose }: { url: string; name: string; onClose: () => void }) {
  return (
    <Popup visible={!!url} position="bottom" round closeable title="公示牌图片" onClose={onClose}>
      <View className="plate-image" data-testid="plate-image">
        {/* A plain img (H5 only): long-press saves it, and it is as tall as its picture. */}
        <img className="plate-image__img" src={url} alt="复工公示牌" />
        <View className="hint plate-image__hint">手机上长按图片即可保存到相册，电脑上点下方按钮下载。</View>
        <a
          className="plate-image__download"
          href={url}
          download={`复工公示牌-${name}.png`}
          data-testid="plate-download"
        >
          <Text>⤓ 下载图片</Text>
        </a>
      </View>
    </Popup>
  )
}

function PlateView({ id, account }: { id: string; account: Account }) {
  const remote = useRemote(() => applicationApi.plate(id), [id])
  const [image, setImage] = useState('')
  const [drawing, setDrawing] = useState(false)
  if (remote.status === 'loading') return <LoadingBlock cards={1} rows={8} />
  if (remote.status === 'error' || !remote.data)
    return <ErrorBlock message={remote.error} onRetry={() => void remote.reload()} />
  const plate = remote.data
  const street = account.scopeNames.street || '街道办事处'
  const saveImage = async () => {
    setDrawing(true)
    try {
      if (IS_WEAPP) await savePlateToAlbum(plate, street)
      else setImage(await plateImageH5(plate, street))
    } catch {
      toast.fail('没能生成图片，请截屏保存整张公示牌')
    } finally {
      setDrawing(false)
    }
  }
  return (
    <View>
      {!plate.valid && (
        <View className="card plate-note plate-note--bad">
          这块公示牌已于 {day(plate.revokedAt ?? 0)} 撤销，扫码核验将显示“已撤销”，请勿继续张贴。
        </View>
      )}
      <PlateCard plate={plate} street={street} />
      {plate.valid && (
        <View className="plate-actions">
          <Button type="primary" size="large" block loading={drawing} onClick={() => void saveImage()}>
            {IS_WEAPP ? '保存公示牌到相册' : '保存为图片'}
          </Button>
          {IS_H5 && (
            <Button size="large" block className="plate-actions__print" onClick={() => window.print()}>
              打印公示牌
            </Button>
          )}
          <View className="hint plate-actions__hint">
            {IS_H5
              ? '建议用A4纸彩色打印，张贴在店门口或单位入口的醒目位置；也可以保存为图片发给打印店。'
              : '保存到相册后可以发给打印店打印，张贴在店门口醒目位置。'}
          </View>
        </View>
      )}
      {IS_H5 && <PlateImageSheet url={image} name={plate.enterpriseName} onClose={() => setImage('')} />}
    </View>
  )
}

function PlatePage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  return (
    <PageShell className="plate-page">
      <AccountGate action={['application', 'plate']}>
        {(account) =>
          id ? (
            <PlateView id={id} account={account} />
          ) : (
            <EmptyBlock title="链接不完整" description="没有指定申请。" />
          )
        }
      </AccountGate>
    </PageShell>
  )
}

export default PlatePage
